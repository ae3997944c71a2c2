package dev.vigil.server.audit;

import dev.vigil.server.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.config.JdbiConfig;

/**
 * Append-only, numbered, keyed: each entry's hash is HMAC-SHA-256, under a key the vault keeps
 * (wrapped by the master key), over the previous entry's hash and the entry's own fields, so
 * changing, removing or reordering any entry breaks every hash after it, and recomputing the chain
 * needs the key. A keyed head record (the newest entry's number and hash) is written with each
 * entry, so removing the newest entries is caught too; the head is also anchored outside the
 * store ({@link AuditAnchors}), which catches a store put back to an older state. Entries written
 * before the key existed (version 0) carry plain SHA-256 hashes; when the key is made, a keyed seal
 * records the last of them, so no entry after it can pass as one of them and removing the seal is
 * caught. Retention removes the oldest entries and records, keyed, where the chain now starts.
 */
public final class AuditLog {

    static final String GENESIS = "0".repeat(64);
    static final String HEAD = "audit.head";
    static final String BASE = "audit.base";
    static final String SEAL = "audit.sealed";

    /** One entry as stored. */
    public record Entry(long seq, long ts, String actor, String action, String target, String detail, String prevHash,
            String hash) {
    }

    /**
     * The result of a verification: ok, or the first entry whose hash does not hold.
     *
     * @param anchors anchors outside the store that were checked
     */
    public record Verification(boolean ok, long entries, Long brokenAt, String reason, int anchors) {

        static Verification broken(long entries, Long at, String reason, int anchors) {
            return new Verification(false, entries, at, reason, anchors);
        }
    }

    /** The chain's key, set on a store's Jdbi once the vault is open ({@link #key}). */
    public static final class Key implements JdbiConfig<Key> {
        private volatile byte[] key;

        @Override
        public Key createCopy() {
            Key k = new Key();
            k.key = key;
            return k;
        }
    }

    private AuditLog() {
    }

    /** Gives the store (and its ingestion side) the chain's key. */
    public static void key(Store store, byte[] key) {
        store.jdbi().getConfig(Key.class).key = key.clone();
        store.ingestion().jdbi().getConfig(Key.class).key = key.clone();
    }

    static byte[] key(Handle h) {
        byte[] k = h.getConfig(Key.class).key;
        if (k == null) {
            throw new IllegalStateException("the audit log's key is not loaded (open the vault first)");
        }
        return k;
    }

    /**
     * Seals the entries written before the chain had a key, as the key is made: the newest of them
     * (or none) in a keyed record.
     */
    public static void seal(Handle h, byte[] key) {
        Map<String, Object> last = h.createQuery("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").mapToMap()
                .findOne().orElse(null);
        String seq = last == null ? "0" : String.valueOf(((Number) last.get("seq")).longValue());
        String hash = last == null ? GENESIS : (String) last.get("hash");
        record(h, SEAL, seq + " " + hash + " " + mac(key, "seal", seq, hash));
    }

    /** Appends an entry inside the caller's transaction, and moves the head record to it. */
    public static Entry append(Handle h, String actor, String action, String target, String detail) {
        byte[] key = key(h);
        Map<String, Object> last = h.createQuery("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").mapToMap()
                .findOne().orElse(null);
        long seq = last == null ? base(h, key).seq() : ((Number) last.get("seq")).longValue() + 1;
        String prev = last == null ? base(h, key).prev() : (String) last.get("hash");
        long ts = System.currentTimeMillis();
        String hash = mac(key, prev, Long.toString(seq), Long.toString(ts), actor, action, target, detail);
        h.createUpdate("INSERT INTO audit (seq, ts, actor, action, target, detail, prev_hash, hash, version) "
                + "VALUES (:seq, :ts, :actor, :action, :target, :detail, :prev, :hash, 1)").bind("seq", seq).bind("ts", ts)
                .bind("actor", actor).bind("action", action).bind("target", target).bind("detail", detail)
                .bind("prev", prev).bind("hash", hash).execute();
        record(h, HEAD, seq + " " + hash + " " + mac(key, "head", Long.toString(seq), hash));
        return new Entry(seq, ts, actor, action, target, detail, prev, hash);
    }

    public static void append(Store store, String actor, String action, String target, String detail) {
        store.writeVoid(h -> append(h, actor, action, target, detail));
    }

    private static void record(Handle h, String name, String value) {
        h.createUpdate("INSERT INTO settings (key, value) VALUES (:k, :v) ON CONFLICT (key) DO UPDATE SET value = :v")
                .bind("k", name).bind("v", value).execute();
    }

    private static String setting(Handle h, String name) {
        return h.createQuery("SELECT value FROM settings WHERE key = :k").bind("k", name).mapTo(String.class).findOne().orElse(null);
    }

    /** Where the chain starts: entry 1 after the genesis hash, or what retention left. */
    record Base(long seq, String prev) {
    }

    static Base base(Handle h, byte[] key) {
        String v = setting(h, BASE);
        if (v == null) {
            return new Base(1, GENESIS);
        }
        String[] f = v.split(" ");
        if (f.length != 3 || !f[2].equals(mac(key, "base", f[0], f[1]))) {
            throw new IllegalStateException("the audit log's start record does not hold (changed outside Vigil)");
        }
        return new Base(Long.parseLong(f[0]), f[1]);
    }

    /**
     * Removes the entries written before {@code cutoff} (epoch ms), never the newest, and records
     * where the chain now starts; returns how many went.
     */
    public static int prune(Handle h, long cutoff) {
        byte[] key = key(h);
        Map<String, Object> first = h.createQuery("SELECT seq, prev_hash FROM audit WHERE ts >= :c OR seq = "
                + "(SELECT MAX(seq) FROM audit) ORDER BY seq LIMIT 1").bind("c", cutoff).mapToMap().findOne().orElse(null);
        if (first == null) {
            return 0;
        }
        long seq = ((Number) first.get("seq")).longValue();
        int n = h.createUpdate("DELETE FROM audit WHERE seq < :s").bind("s", seq).execute();
        if (n > 0) {
            String prev = (String) first.get("prev_hash");
            record(h, BASE, seq + " " + prev + " " + mac(key, "base", Long.toString(seq), prev));
        }
        return n;
    }

    static String mac(byte[] key, String... parts) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            for (String part : parts) {
                byte[] b = (part == null ? "" : part).getBytes(StandardCharsets.UTF_8);
                m.update(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8), (byte) b.length});
                m.update(b);
            }
            return HexFormat.of().formatHex(m.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plain SHA-256 of entries written before the chain had a key (version 0). */
    static String legacyHash(String prev, long seq, long ts, String actor, String action, String target, String detail) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {prev, Long.toString(seq), Long.toString(ts), actor, action,
                target == null ? "" : target, detail == null ? "" : detail}) {
                byte[] b = part.getBytes(StandardCharsets.UTF_8);
                md.update(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8), (byte) b.length});
                md.update(b);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Entry> recent(Store store, int limit, long before) {
        return store.read(h -> h.createQuery("SELECT * FROM audit WHERE seq < :b ORDER BY seq DESC LIMIT :n")
                .bind("b", before).bind("n", limit).map((rs, ctx) -> entry(rs)).list());
    }

    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Entry(rs.getLong("seq"), rs.getLong("ts"), rs.getString("actor"), rs.getString("action"),
                rs.getString("target"), rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash"));
    }

    /** Recomputes the whole chain and checks the head record. */
    public static Verification verify(Store store) {
        return verify(store, List.of());
    }

    /** Recomputes the whole chain, checks the head record and each anchor kept outside the store. */
    public static Verification verify(Store store, List<AuditAnchors.Anchor> anchors) {
        return store.read(h -> new Verifier(h, key(h)).run(anchors));
    }

    /** One pass over the chain. */
    private static final class Verifier {
        private final Handle h;
        private final byte[] key;

        Verifier(Handle h, byte[] key) {
            this.h = h;
            this.key = key;
        }

        Verification run(List<AuditAnchors.Anchor> anchors) {
            Base base;
            try {
                base = base(h, key);
            } catch (IllegalStateException e) {
                return Verification.broken(0, null, e.getMessage(), 0);
            }
            String seal = setting(h, SEAL);
            String[] sf = seal == null ? new String[0] : seal.split(" ");
            if (sf.length != 3 || !sf[2].equals(mac(key, "seal", sf[0], sf[1]))) {
                return Verification.broken(0, null, "the seal of the entries before the chain had a key is missing or does "
                        + "not hold (changed outside Vigil)", 0);
            }
            long sealed = Long.parseLong(sf[0]);
            String prev = base.prev();
            long expected = base.seq();
            long n = 0;
            boolean keyed = false;
            Map<Long, String> anchored = new java.util.HashMap<>();
            anchors.forEach(a -> anchored.put(a.seq(), a.hash()));
            int checked = 0;
            try (var it = h.createQuery("SELECT * FROM audit ORDER BY seq").map((rs, ctx) -> new Object[] {entry(rs),
                rs.getInt("version")}).iterator()) {
                while (it.hasNext()) {
                    Object[] row = it.next();
                    Entry e = (Entry) row[0];
                    int version = (Integer) row[1];
                    n++;
                    if (e.seq() != expected) {
                        return Verification.broken(n, e.seq(), "entry " + expected + " is missing", checked);
                    }
                    if (!e.prevHash().equals(prev)) {
                        return Verification.broken(n, e.seq(), "does not follow the entry before it", checked);
                    }
                    if (version == 0 && (keyed || e.seq() > sealed)) {
                        return Verification.broken(n, e.seq(), "an unkeyed entry after the chain was keyed", checked);
                    }
                    if (version == 0 && e.seq() == sealed && !e.hash().equals(sf[1])) {
                        return Verification.broken(n, e.seq(), "differs from the seal of the entries before the chain had a key",
                                checked);
                    }
                    keyed |= version == 1;
                    String want = version == 0 ? legacyHash(prev, e.seq(), e.ts(), e.actor(), e.action(), e.target(), e.detail())
                            : mac(key, prev, Long.toString(e.seq()), Long.toString(e.ts()), e.actor(), e.action(), e.target(),
                                    e.detail());
                    if (!want.equals(e.hash())) {
                        return Verification.broken(n, e.seq(), "its content does not match its hash", checked);
                    }
                    String a = anchored.get(e.seq());
                    if (a != null) {
                        checked++;
                        if (!a.equals(e.hash())) {
                            return Verification.broken(n, e.seq(), "differs from its anchor outside the store", checked);
                        }
                    }
                    prev = e.hash();
                    expected++;
                }
            }
            long last = expected - 1;
            for (AuditAnchors.Anchor a : anchors) {
                if (a.seq() > last) {
                    return Verification.broken(n, a.seq(), "entries after " + last + " were removed: an anchor of "
                            + java.time.Instant.ofEpochMilli(a.at()) + " names entry " + a.seq(), checked);
                }
            }
            String head = setting(h, HEAD);
            if (keyed || head != null || last > sealed) {
                String[] f = head == null ? new String[0] : head.split(" ");
                if (f.length != 3 || !f[2].equals(mac(key, "head", f[0], f[1]))) {
                    return Verification.broken(n, null, "the head record is missing or does not hold", checked);
                }
                if (Long.parseLong(f[0]) != last || !f[1].equals(prev)) {
                    return Verification.broken(n, Long.parseLong(f[0]), Long.parseLong(f[0]) > last
                            ? "entries after " + last + " were removed (the head record names entry " + f[0] + ")"
                            : "the newest entries were not written by Vigil (the head record names entry " + f[0] + ")", checked);
                }
            }
            return new Verification(true, n, null, null, checked);
        }
    }
}
