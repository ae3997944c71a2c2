package dev.vigil.store.db;

/**
 * How the stores encrypt the fields that must not be readable at rest (owners, contacts, second
 * factor secrets, captured credentials): the stores hold ciphertext and give the plain value back;
 * which key and which algorithm is the cipher's business (the server's vault).
 */
public interface FieldCipher {

    /** The ciphertext of a value; null stays null. */
    String encrypt(String plain);

    /** The value of a ciphertext this cipher made; null stays null. */
    String decrypt(String stored);

    /** A joinable token of a value that does not reveal it (the same value, the same token). */
    String token(String value);

    /** True when a stored value is one of this cipher's ciphertexts. */
    boolean isEncrypted(String stored);

    /** The key a ciphertext is under, or null when the value is not encrypted. */
    String keyOf(String stored);

    /** The prefix every ciphertext under {@code keyId} begins with; with null, the prefix of any ciphertext. */
    String prefix(String keyId);
}
