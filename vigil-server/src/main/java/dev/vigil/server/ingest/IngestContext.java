package dev.vigil.server.ingest;

import dev.vigil.detect.analysis.AnalysisConfig;
import java.util.function.LongSupplier;

/**
 * What every source shares.
 *
 * @param analysis how each window is analysed
 * @param windowNanos a window's length in packet time
 * @param maxWindowWallMillis a window is committed at the latest this long after it opened (wall clock)
 * @param detectionHorizonNanos how much packet time a source's behavioural detection (baselines,
 *     slow scans, beacons) spans before it starts afresh, which bounds its memory
 * @param persister where closed windows go
 * @param wallClock epoch milliseconds
 */
public record IngestContext(AnalysisConfig analysis, long windowNanos, long maxWindowWallMillis, long detectionHorizonNanos,
        Persister persister,
        LongSupplier wallClock) {
}
