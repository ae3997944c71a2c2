package dev.vigil.store.audit;

/**
 * The result of a verification: ok, or the first entry whose hash does not hold.
 *
 * @param entries entries checked
 * @param brokenAt the entry where the chain breaks, or null
 * @param reason why it breaks, or null
 * @param anchors anchors outside the store that were checked
 */
public record AuditVerification(boolean ok, long entries, Long brokenAt, String reason, int anchors) {

    static AuditVerification broken(long entries, Long at, String reason, int anchors) {
        return new AuditVerification(false, entries, at, reason, anchors);
    }
}
