package dev.vigil.store.audit;

/**
 * The chain's HMAC key, kept by the vault and handed to the audit stores once the vault is open
 * (one holder for the stores of every connection pool).
 */
public final class AuditKey {

    private volatile byte[] key;

    public void set(byte[] key) {
        this.key = key.clone();
    }

    byte[] get() {
        byte[] k = key;
        if (k == null) {
            throw new IllegalStateException("the audit log's key is not loaded (open the vault first)");
        }
        return k;
    }
}
