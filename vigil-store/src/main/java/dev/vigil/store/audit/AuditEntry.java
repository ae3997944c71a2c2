package dev.vigil.store.audit;

/**
 * One entry of the audit log as stored.
 *
 * @param seq its number in the chain
 * @param ts when it was written (epoch ms)
 * @param prevHash the hash of the entry before it
 * @param hash its own hash (keyed: HMAC-SHA-256)
 */
public record AuditEntry(long seq, long ts, String actor, String action, String target, String detail, String prevHash,
        String hash) {
}
