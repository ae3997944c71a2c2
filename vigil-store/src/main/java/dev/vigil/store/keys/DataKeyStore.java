package dev.vigil.store.keys;

import dev.vigil.store.db.FieldCipher;
import java.util.List;
import java.util.Set;

/**
 * The wrapped data keys, and the encrypted fields of every store as one set: what the keys encrypt,
 * so a key rotation can re-encrypt them and retire the keys no value uses any more.
 */
public interface DataKeyStore {

    List<DataKeyRow> all();

    /** Adds a key that is not the active one (the tokenisation and audit keys). */
    void add(String id, String wrapped, long now);

    /** Adds a key and makes it the only active one. */
    void addActive(String id, String wrapped, long now);

    /** Replaces a key's wrapping (a new master key). */
    void rewrap(String id, String wrapped);

    void delete(String id);

    /**
     * Re-encrypts, under the cipher's active key, up to {@code batch} encrypted values of one field
     * that are under another key; returns how many (fewer than {@code batch}: the field is done).
     */
    int reencrypt(EncryptedField field, FieldCipher cipher, String activeKey, int batch);

    /** The keys that encrypted values use. */
    Set<String> inUse(FieldCipher cipher);
}
