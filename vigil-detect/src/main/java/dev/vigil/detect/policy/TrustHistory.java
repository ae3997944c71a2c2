package dev.vigil.detect.policy;

/**
 * Which assessments become points of a device's stored trust history: the first, a tier change, a
 * score that moved at least {@link #MIN_MOVE}, or {@link #MAX_GAP_NANOS} of evidence time since the
 * last point. Decay moves scores a little at every assessment; recording each would grow the history
 * by a row per device every few seconds, and the chart would show nothing more. Pure.
 */
public final class TrustHistory {

    /** A move of the score that is worth a point. */
    public static final double MIN_MOVE = 1.0;
    /** Evidence time after which a point is written even without a move (one hour). */
    public static final long MAX_GAP_NANOS = 3_600_000_000_000L;

    /**
     * The last point of a device's history.
     *
     * @param evidenceNanos the evidence time it was assessed at
     */
    public record Point(double score, String tier, long evidenceNanos) {
    }

    private TrustHistory() {
    }

    /** True when an assessment at {@code evidenceNanos} is due a point after {@code last} (null: none yet). */
    public static boolean due(Point last, double score, String tier, long evidenceNanos) {
        return last == null || !tier.equals(last.tier()) || Math.abs(score - last.score()) >= MIN_MOVE
                || evidenceNanos - last.evidenceNanos() >= MAX_GAP_NANOS;
    }
}
