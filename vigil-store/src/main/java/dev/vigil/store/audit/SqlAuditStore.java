package dev.vigil.store.audit;

import dev.vigil.store.db.Database;
import dev.vigil.store.settings.SettingStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * {@link AuditStore} in SQL: table {@code audit}, and three keyed records among the settings: the
 * head (the newest entry's number and hash, written with each entry, so removing the newest entries
 * is caught), the base (where the chain starts after retention) and the seal (the last entry
 * written before the chain had a key).
 */
public final class SqlAuditStore implements AuditStore {

    static final String HEAD = "audit.head";
    static final String BASE = "audit.base";
    static final String SEAL = "audit.sealed";

    private final Database db;
    private final SettingStore settings;
    private final AuditKey key;

    public SqlAuditStore(Database db, SettingStore settings, AuditKey key) {
        this.db = db;
        this.settings = settings;
        this.key = key;
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getLong("ts"), rs.getString("actor"), rs.getString("action"),
                rs.getString("target"), rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash"));
    }

    private static Map<String, Object> last(Handle h) {
        return h.createQuery("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").mapToMap().findOne().orElse(null);
    }

    @Override
    public AuditEntry append(String actor, String action, String target, String detail) {
        byte[] k = key.get();
        return db.write(h -> {
            Map<String, Object> last = last(h);
            AuditChain.Base base = last == null ? base(k) : null;
            long seq = last == null ? base.seq() : ((Number) last.get("seq")).longValue() + 1;
            String prev = last == null ? base.prev() : (String) last.get("hash");
            long ts = System.currentTimeMillis();
            String hash = AuditChain.hash(k, prev, seq, ts, actor, action, target, detail);
            h.createUpdate("INSERT INTO audit (seq, ts, actor, action, target, detail, prev_hash, hash, version) "
                    + "VALUES (:seq, :ts, :actor, :action, :target, :detail, :prev, :hash, 1)").bind("seq", seq).bind("ts", ts)
                    .bind("actor", actor).bind("action", action).bind("target", target).bind("detail", detail)
                    .bind("prev", prev).bind("hash", hash).execute();
            settings.put(HEAD, AuditChain.record(k, "head", seq, hash));
            return new AuditEntry(seq, ts, actor, action, target, detail, prev, hash);
        });
    }

    private AuditChain.Base base(byte[] k) {
        String v = settings.get(BASE);
        if (v == null) {
            return new AuditChain.Base(1, AuditChain.GENESIS);
        }
        String[] f = AuditChain.holds(k, "base", v);
        if (f == null) {
            throw new IllegalStateException("the audit log's start record does not hold (changed outside Vigil)");
        }
        return new AuditChain.Base(Long.parseLong(f[0]), f[1]);
    }

    @Override
    public List<AuditEntry> recent(int limit, long before) {
        return db.read(h -> h.createQuery("SELECT * FROM audit WHERE seq < :b ORDER BY seq DESC LIMIT :n").bind("b", before)
                .bind("n", limit).map((rs, c) -> entry(rs)).list());
    }

    @Override
    public List<AuditEntry> ofTarget(String target, int limit) {
        return db.read(h -> h.createQuery("SELECT * FROM audit WHERE target = :t ORDER BY seq DESC LIMIT :n").bind("t", target)
                .bind("n", limit).map((rs, c) -> entry(rs)).list());
    }

    @Override
    public long count(long before) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM audit WHERE seq < :b").bind("b", before).mapTo(Long.class).one());
    }

    @Override
    public AuditVerification verify(List<AuditAnchor> anchors) {
        byte[] k = key.get();
        return db.reading(() -> {
            AuditChain.Base base;
            try {
                base = base(k);
            } catch (IllegalStateException e) {
                return AuditVerification.broken(0, null, e.getMessage(), 0);
            }
            String[] seal = AuditChain.holds(k, "seal", settings.get(SEAL));
            if (seal == null) {
                return AuditVerification.broken(0, null, "the seal of the entries before the chain had a key is missing or does "
                        + "not hold (changed outside Vigil)", 0);
            }
            String head = settings.get(HEAD);
            return db.read(h -> {
                try (var it = h.createQuery("SELECT * FROM audit ORDER BY seq").map((rs, c) -> new AuditChain.Stored(entry(rs),
                        rs.getInt("version"))).iterator()) {
                    return AuditChain.verify(k, base, seal, head, it, anchors);
                }
            });
        });
    }

    @Override
    public int prune(long cutoff) {
        byte[] k = key.get();
        return db.write(h -> {
            Map<String, Object> first = h.createQuery("SELECT seq, prev_hash FROM audit WHERE ts >= :c OR seq = "
                    + "(SELECT MAX(seq) FROM audit) ORDER BY seq LIMIT 1").bind("c", cutoff).mapToMap().findOne().orElse(null);
            if (first == null) {
                return 0;
            }
            long seq = ((Number) first.get("seq")).longValue();
            int n = h.createUpdate("DELETE FROM audit WHERE seq < :s").bind("s", seq).execute();
            if (n > 0) {
                settings.put(BASE, AuditChain.record(k, "base", seq, (String) first.get("prev_hash")));
            }
            return n;
        });
    }

    @Override
    public void seal(byte[] newKey) {
        db.write(h -> {
            Map<String, Object> last = last(h);
            long seq = last == null ? 0 : ((Number) last.get("seq")).longValue();
            settings.put(SEAL, AuditChain.record(newKey, "seal", seq, last == null ? AuditChain.GENESIS : (String) last.get("hash")));
            return null;
        });
    }

    @Override
    public Head head() {
        String v = settings.get(HEAD);
        if (v == null) {
            return null;
        }
        String[] f = v.split(" ");
        return new Head(Long.parseLong(f[0]), f[1]);
    }
}
