package dev.vigil.server.crypto;

import dev.vigil.store.audit.AuditStore;
import dev.vigil.store.keys.DataKeyStore;
import dev.vigil.store.keys.EncryptedField;
import java.util.List;
import java.util.Set;

/**
 * Data key rotation without downtime: a new data key becomes active (new values use it at once), then
 * every stored ciphertext is re-encrypted under it in small transactions, so ingestion and the API go
 * on between them; finally the data keys no value uses any more are deleted.
 */
public final class KeyRotation {

    static final int BATCH = 200;

    /** What a rotation did. */
    public record Result(String activeKey, long reencrypted, List<String> retired) {
    }

    private KeyRotation() {
    }

    public static Result rotate(DataKeyStore keys, AuditStore audit, Vault vault, String actor) {
        String active = vault.rotate();
        long n = 0;
        for (EncryptedField f : EncryptedField.values()) {
            int done;
            do {
                done = keys.reencrypt(f, vault, active, BATCH);
                n += done;
            } while (done == BATCH);
        }
        Set<String> inUse = keys.inUse(vault);
        List<String> retired = vault.retire(inUse);
        audit.append(actor, "keys.rotate", active, n + " values re-encrypted, retired " + retired);
        return new Result(active, n, retired);
    }
}
