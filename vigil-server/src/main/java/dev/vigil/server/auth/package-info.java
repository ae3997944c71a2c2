/**
 * Who may do what: users with roles (admin, analyst, viewer), Argon2id password hashes, TOTP
 * (RFC 6238) second factor required for admins, sessions in HttpOnly SameSite cookies with a CSRF
 * token, login rate limiting and lockout, and hashed, role-scoped API tokens for machines.
 */
package dev.vigil.server.auth;
