package dev.vigil.detect.segmentation;

/**
 * When a classification counts as stable: the same value at or above {@code confidence} in
 * {@code observations} consecutive observations (inventory snapshots: one per analysis or service
 * window).
 *
 * @param confidence the least confidence an observation needs to count
 * @param observations how many consecutive agreeing observations admit a value
 */
public record MembershipRule(double confidence, int observations) {

    public static final MembershipRule DEFAULT = new MembershipRule(0.8, 3);

    public MembershipRule {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, not " + confidence);
        }
        if (observations < 1) {
            throw new IllegalArgumentException("observations must be 1 or more, not " + observations);
        }
    }
}
