/**
 * Who may do what: users with roles (admin, analyst, viewer), Argon2id password hashes under a
 * global cap, a TOTP (RFC 6238) second factor required by policy, sessions in HttpOnly SameSite
 * cookies with a CSRF token, an idle timeout and step-up re-authentication, sign-in throttling per
 * account and address kept in the store, and hashed, scoped, expiring API tokens for machines.
 */
package dev.vigil.server.auth;
