package dev.vigil.store.keys;

/**
 * A data key, wrapped by the master key.
 *
 * @param wrapped the key sealed under the master key (base64)
 * @param active true for the one key that encrypts new values
 */
public record DataKeyRow(String id, String wrapped, boolean active) {
}
