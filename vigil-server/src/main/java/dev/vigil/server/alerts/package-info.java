/** The alert lifecycle: which step applies to an alert in which state, and what it becomes. */
package dev.vigil.server.alerts;
