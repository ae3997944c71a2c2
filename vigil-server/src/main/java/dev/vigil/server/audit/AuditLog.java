package dev.vigil.server.audit;

import dev.vigil.server.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Append-only, hash-chained: each entry's hash is SHA-256 over the previous entry's hash and the
 * entry's own fields, so changing, removing or reordering any entry breaks every hash after it.
 * {@link #verify} recomputes the chain ({@code vigil audit verify}).
 */
public final class AuditLog {

    static final String GENESIS = "0".repeat(64);

    /** One entry as stored. */
    public record Entry(long seq, long ts, String actor, String action, String target, String detail, String prevHash,
            String hash) {
    }

    /** The result of a verification: ok, or the first entry whose hash does not hold. */
    public record Verification(boolean ok, long entries, Long brokenAt, String reason) {
    }

    private AuditLog() {
    }

    /** Appends an entry inside the caller's transaction. */
    public static Entry append(Handle h, String actor, String action, String target, String detail) {
        Map<String, Object> last = h.createQuery("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").mapToMap()
                .findOne().orElse(null);
        long seq = last == null ? 1 : ((Number) last.get("seq")).longValue() + 1;
        String prev = last == null ? GENESIS : (String) last.get("hash");
        long ts = System.currentTimeMillis();
        String hash = hash(prev, seq, ts, actor, action, target, detail);
        h.createUpdate("INSERT INTO audit (seq, ts, actor, action, target, detail, prev_hash, hash) "
                + "VALUES (:seq, :ts, :actor, :action, :target, :detail, :prev, :hash)").bind("seq", seq).bind("ts", ts)
                .bind("actor", actor).bind("action", action).bind("target", target).bind("detail", detail)
                .bind("prev", prev).bind("hash", hash).execute();
        return new Entry(seq, ts, actor, action, target, detail, prev, hash);
    }

    public static void append(Store store, String actor, String action, String target, String detail) {
        store.writeVoid(h -> append(h, actor, action, target, detail));
    }

    static String hash(String prev, long seq, long ts, String actor, String action, String target, String detail) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {prev, Long.toString(seq), Long.toString(ts), actor, action,
                target == null ? "" : target, detail == null ? "" : detail}) {
                byte[] b = part.getBytes(StandardCharsets.UTF_8);
                md.update((byte) (b.length >>> 24));
                md.update((byte) (b.length >>> 16));
                md.update((byte) (b.length >>> 8));
                md.update((byte) b.length);
                md.update(b);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Entry> recent(Store store, int limit, long before) {
        return store.read(h -> h.createQuery("SELECT * FROM audit WHERE seq < :b ORDER BY seq DESC LIMIT :n")
                .bind("b", before).bind("n", limit).map((rs, ctx) -> new Entry(rs.getLong("seq"), rs.getLong("ts"),
                        rs.getString("actor"), rs.getString("action"), rs.getString("target"), rs.getString("detail"),
                        rs.getString("prev_hash"), rs.getString("hash"))).list());
    }

    /** Recomputes the whole chain. */
    public static Verification verify(Store store) {
        return store.read(h -> {
            String prev = GENESIS;
            long expected = 1;
            long n = 0;
            try (var it = h.createQuery("SELECT * FROM audit ORDER BY seq").map((rs, ctx) -> new Entry(rs.getLong("seq"),
                    rs.getLong("ts"), rs.getString("actor"), rs.getString("action"), rs.getString("target"),
                    rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash"))).iterator()) {
                while (it.hasNext()) {
                    Entry e = it.next();
                    n++;
                    if (e.seq() != expected) {
                        return new Verification(false, n, e.seq(), "entry " + expected + " is missing");
                    }
                    if (!e.prevHash().equals(prev)) {
                        return new Verification(false, n, e.seq(), "does not follow the entry before it");
                    }
                    String h2 = hash(prev, e.seq(), e.ts(), e.actor(), e.action(), e.target(), e.detail());
                    if (!h2.equals(e.hash())) {
                        return new Verification(false, n, e.seq(), "its content does not match its hash");
                    }
                    prev = e.hash();
                    expected++;
                }
            }
            return new Verification(true, n, null, null);
        });
    }
}
