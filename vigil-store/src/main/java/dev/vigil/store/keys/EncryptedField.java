package dev.vigil.store.keys;

/** The fields the stores keep encrypted: table, key column, value column. */
public enum EncryptedField {
    TOTP_SECRET("users", "id", "totp_secret"),
    TOTP_PENDING("users", "id", "totp_pending"),
    DEVICE_OWNER("devices", "id", "owner_enc"),
    DEVICE_CONTACT("devices", "id", "contact_enc"),
    FINDING("findings", "id", "data");

    final String table;
    final String key;
    final String column;

    EncryptedField(String table, String key, String column) {
        this.table = table;
        this.key = key;
        this.column = column;
    }
}
