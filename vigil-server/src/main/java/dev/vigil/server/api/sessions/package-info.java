/** Signing in and out, and the caller's own account. */
package dev.vigil.server.api.sessions;
