package dev.vigil.store.accounts;

/**
 * A user as stored (the second factor's secrets decrypted).
 *
 * @param role viewer, analyst or admin
 * @param passwordHash the Argon2id hash (PHC string)
 * @param totpSecret the second factor in use, or null
 * @param mustChange true while the password is a one-time password
 * @param passwordExpires when a one-time password stops working (epoch ms; 0: the user's own)
 * @param totpLastStep the last TOTP step accepted (RFC 6238 §5.2)
 */
public record UserRow(String id, String username, String role, String passwordHash, String totpSecret, boolean mustChange,
        long passwordExpires, long totpLastStep, long created) {
}
