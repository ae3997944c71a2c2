package dev.vigil.server.retention;

import dev.vigil.store.accounts.SessionStore;
import dev.vigil.store.audit.AuditStore;
import dev.vigil.store.db.Transactions;
import dev.vigil.store.retention.RetentionStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deletes what is older than its retention (by when it was last written, wall clock), per kind of
 * data, and sessions that ended. The audit log's oldest entries go too, after their retention (two
 * years by default); the chain records, keyed, where it now starts, so what remains still verifies
 * whole ({@link AuditStore#prune}).
 */
public final class Retention {

    private final RetentionStore retention;
    private final AuditStore audit;
    private final SessionStore sessions;
    private final Transactions tx;

    public Retention(RetentionStore retention, AuditStore audit, SessionStore sessions, Transactions tx) {
        this.retention = retention;
        this.audit = audit;
        this.sessions = sessions;
        this.tx = tx;
    }

    /** Applies the retention in days per kind; returns rows deleted per kind. */
    public Map<String, Integer> apply(Map<String, Integer> days, long now) {
        Map<String, Integer> out = new LinkedHashMap<>();
        tx.inTransaction(() -> {
            for (Map.Entry<String, Integer> e : days.entrySet()) {
                if (e.getValue() == null || e.getValue() <= 0) {
                    continue;
                }
                long cutoff = now - e.getValue() * 86_400_000L;
                if (e.getKey().equals("audit")) {
                    out.put("audit", audit.prune(cutoff));
                    continue;
                }
                RetentionStore.Kind kind = RetentionStore.Kind.of(e.getKey());
                if (kind == null) {
                    throw new IllegalArgumentException("no retention for '" + e.getKey() + "'");
                }
                out.put(e.getKey(), retention.deleteBefore(kind, cutoff));
            }
            sessions.deleteEnded(now, 0);
            int total = out.values().stream().mapToInt(Integer::intValue).sum();
            if (total > 0) {
                audit.append("system", "retention", null, out.toString());
            }
        });
        return out;
    }
}
