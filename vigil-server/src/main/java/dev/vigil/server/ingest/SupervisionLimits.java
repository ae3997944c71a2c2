package dev.vigil.server.ingest;

/**
 * How the service keeps its sources alive. A source that fails (its input vanished, the store
 * refused a commit, a bug) is started again after a delay that doubles with each failure in a row,
 * from {@code firstRestartMillis} up to {@code maxRestartMillis}, and goes back to the first delay
 * once a run lasted {@code stableMillis}; it is never given up. A source that makes no progress for
 * {@code stallMillis} while input is waiting for it (a file not read to its end, a full queue) is
 * reported stalled. Failed and stalled sources make {@code /health} answer "degraded".
 *
 * @param firstRestartMillis delay before the first restart (default 1 s)
 * @param maxRestartMillis longest delay between restarts (default 5 min)
 * @param stableMillis a run this long resets the delay (default 1 min)
 * @param stallMillis no progress this long with input waiting is a stall (default 1 min)
 */
public record SupervisionLimits(long firstRestartMillis, long maxRestartMillis, long stableMillis, long stallMillis) {

    public static final SupervisionLimits DEFAULT = new SupervisionLimits(1_000, 300_000, 60_000, 60_000);

    public SupervisionLimits {
        if (firstRestartMillis < 1 || maxRestartMillis < firstRestartMillis || stableMillis < 1 || stallMillis < 1) {
            throw new IllegalArgumentException("inconsistent supervision limits");
        }
    }

    /** The delay before restart number {@code failures + 1} of a run of failures. */
    public long restartDelay(int failures) {
        long d = firstRestartMillis;
        for (int i = 0; i < failures && d < maxRestartMillis; i++) {
            d = d > maxRestartMillis / 2 ? maxRestartMillis : d * 2;
        }
        return d;
    }
}
