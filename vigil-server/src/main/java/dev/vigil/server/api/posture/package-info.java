/** Trust and risk across the estate: tiers, risk, metrics and history, the talk map, vulnerabilities, the report. */
package dev.vigil.server.api.posture;
