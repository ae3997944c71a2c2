package dev.vigil.server.crypto;

import dev.vigil.server.audit.AuditLog;
import dev.vigil.server.store.Store;
import java.security.GeneralSecurityException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Data key rotation without downtime: a new data key becomes active (new values use it at once), then
 * every stored ciphertext is re-encrypted under it in small transactions, so ingestion and the API go
 * on between them; finally the data keys no value uses any more are deleted.
 */
public final class KeyRotation {

    /** The encrypted columns: table, key column, value column. */
    static final List<String[]> COLUMNS = List.of(new String[] {"users", "id", "totp_secret"},
            new String[] {"users", "id", "totp_pending"},
            new String[] {"devices", "id", "owner_enc"}, new String[] {"devices", "id", "contact_enc"},
            new String[] {"findings", "id", "data"});
    static final int BATCH = 200;

    /** What a rotation did. */
    public record Result(String activeKey, long reencrypted, List<String> retired) {
    }

    private KeyRotation() {
    }

    public static Result rotate(Store store, Vault vault, String actor) throws GeneralSecurityException {
        String active = vault.rotate(store);
        long n = 0;
        for (String[] c : COLUMNS) {
            n += reencrypt(store, vault, c[0], c[1], c[2], active);
        }
        Set<String> inUse = inUse(store);
        List<String> retired = vault.retire(store, inUse);
        long done = n;
        AuditLog.append(store, actor, "keys.rotate", active, done + " values re-encrypted, retired " + retired);
        return new Result(active, n, retired);
    }

    private static long reencrypt(Store store, Vault vault, String table, String key, String column, String active) {
        long total = 0;
        String prefix = "v1:" + active + ":";
        while (true) {
            int n = store.write(h -> {
                List<Map<String, Object>> rows = h.createQuery("SELECT " + key + " AS k, " + column + " AS v FROM " + table
                        + " WHERE " + column + " LIKE 'v1:%' AND " + column + " NOT LIKE :p LIMIT " + BATCH)
                        .bind("p", prefix + "%").mapToMap().list();
                for (Map<String, Object> r : rows) {
                    String plain = vault.decrypt((String) r.get("v"));
                    h.createUpdate("UPDATE " + table + " SET " + column + " = :v WHERE " + key + " = :k")
                            .bind("v", vault.encrypt(plain)).bind("k", r.get("k")).execute();
                }
                return rows.size();
            });
            total += n;
            if (n < BATCH) {
                return total;
            }
        }
    }

    /** Data key ids that stored values use. */
    static Set<String> inUse(Store store) {
        Set<String> ids = new HashSet<>();
        store.read(h -> {
            for (String[] c : COLUMNS) {
                h.createQuery("SELECT DISTINCT substr(" + c[2] + ", 4, 8) FROM " + c[0] + " WHERE " + c[2] + " LIKE 'v1:%'")
                        .mapTo(String.class).forEach(ids::add);
            }
            return null;
        });
        return ids;
    }
}
