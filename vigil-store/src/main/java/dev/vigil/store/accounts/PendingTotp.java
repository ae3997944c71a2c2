package dev.vigil.store.accounts;

/**
 * A second factor waiting for its first code.
 *
 * @param secret the secret (decrypted)
 * @param sealed the stored ciphertext: confirming succeeds only while this one is still pending
 */
public record PendingTotp(String secret, String sealed) {
}
