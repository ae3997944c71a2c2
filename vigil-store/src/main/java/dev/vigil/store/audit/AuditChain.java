package dev.vigil.store.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The chain's hashes and one verification pass. Each entry's hash is HMAC-SHA-256, under the chain's
 * key, over the previous entry's hash and the entry's own fields (each prefixed by its length), so
 * changing, removing or reordering any entry breaks every hash after it, and recomputing the chain
 * needs the key. Entries written before the key existed (version 0) carry plain SHA-256 hashes; a
 * keyed seal records the last of them.
 */
final class AuditChain {

    static final String GENESIS = "0".repeat(64);

    /** An entry and the version of its hash (0: plain SHA-256, 1: keyed). */
    record Stored(AuditEntry entry, int version) {
    }

    /** Where the chain starts: entry 1 after the genesis hash, or what retention left. */
    record Base(long seq, String prev) {
    }

    private AuditChain() {
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

    static String hash(byte[] key, String prev, long seq, long ts, String actor, String action, String target, String detail) {
        return mac(key, prev, Long.toString(seq), Long.toString(ts), actor, action, target, detail);
    }

    /** A keyed record: "seq hash mac". */
    static String record(byte[] key, String kind, long seq, String hash) {
        return seq + " " + hash + " " + mac(key, kind, Long.toString(seq), hash);
    }

    /** The fields of a keyed record of {@code kind}, or null when it is missing or does not hold. */
    static String[] holds(byte[] key, String kind, String record) {
        String[] f = record == null ? new String[0] : record.split(" ");
        return f.length == 3 && f[2].equals(mac(key, kind, f[0], f[1])) ? f : null;
    }

    /**
     * One pass over the entries in order: each follows the one before and matches its hash; the
     * unkeyed ones end at the seal; each anchor matches its entry and names none past the last.
     */
    static AuditVerification verify(byte[] key, Base base, String[] seal, String head, Iterator<Stored> entries,
            List<AuditAnchor> anchors) {
        long sealed = Long.parseLong(seal[0]);
        String prev = base.prev();
        long expected = base.seq();
        long n = 0;
        boolean keyed = false;
        Map<Long, String> anchored = new HashMap<>();
        anchors.forEach(a -> anchored.put(a.seq(), a.hash()));
        int checked = 0;
        while (entries.hasNext()) {
            Stored row = entries.next();
            AuditEntry e = row.entry();
            int version = row.version();
            n++;
            if (e.seq() != expected) {
                return AuditVerification.broken(n, e.seq(), "entry " + expected + " is missing", checked);
            }
            if (!e.prevHash().equals(prev)) {
                return AuditVerification.broken(n, e.seq(), "does not follow the entry before it", checked);
            }
            if (version == 0 && (keyed || e.seq() > sealed)) {
                return AuditVerification.broken(n, e.seq(), "an unkeyed entry after the chain was keyed", checked);
            }
            if (version == 0 && e.seq() == sealed && !e.hash().equals(seal[1])) {
                return AuditVerification.broken(n, e.seq(), "differs from the seal of the entries before the chain had a key",
                        checked);
            }
            keyed |= version == 1;
            String want = version == 0 ? legacyHash(prev, e.seq(), e.ts(), e.actor(), e.action(), e.target(), e.detail())
                    : hash(key, prev, e.seq(), e.ts(), e.actor(), e.action(), e.target(), e.detail());
            if (!want.equals(e.hash())) {
                return AuditVerification.broken(n, e.seq(), "its content does not match its hash", checked);
            }
            String a = anchored.get(e.seq());
            if (a != null) {
                checked++;
                if (!a.equals(e.hash())) {
                    return AuditVerification.broken(n, e.seq(), "differs from its anchor outside the store", checked);
                }
            }
            prev = e.hash();
            expected++;
        }
        long last = expected - 1;
        for (AuditAnchor a : anchors) {
            if (a.seq() > last) {
                return AuditVerification.broken(n, a.seq(), "entries after " + last + " were removed: an anchor of "
                        + Instant.ofEpochMilli(a.at()) + " names entry " + a.seq(), checked);
            }
        }
        if (keyed || head != null || last > sealed) {
            String[] f = holds(key, "head", head);
            if (f == null) {
                return AuditVerification.broken(n, null, "the head record is missing or does not hold", checked);
            }
            if (Long.parseLong(f[0]) != last || !f[1].equals(prev)) {
                return AuditVerification.broken(n, Long.parseLong(f[0]), Long.parseLong(f[0]) > last
                        ? "entries after " + last + " were removed (the head record names entry " + f[0] + ")"
                        : "the newest entries were not written by Vigil (the head record names entry " + f[0] + ")", checked);
            }
        }
        return new AuditVerification(true, n, null, null, checked);
    }
}
