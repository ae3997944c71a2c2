/**
 * Encryption of sensitive fields at rest (AES-256-GCM under data keys that a master key wraps), key
 * rotation without downtime, and tokenisation (keyed HMAC) for fields that must be joinable but not
 * readable.
 */
package dev.vigil.server.crypto;
