package dev.vigil.server.ingest;

import dev.vigil.detect.analysis.AnalysisConfig;
import java.util.function.LongSupplier;

/**
 * What every source shares.
 *
 * @param analysis how each window is analysed
 * @param windowNanos a window's length in packet time
 * @param maxWindowWallMillis a window is committed at the latest this long after it opened (wall clock)
 * @param persister where closed windows go
 * @param wallClock epoch milliseconds
 */
public record IngestContext(AnalysisConfig analysis, long windowNanos, long maxWindowWallMillis, Persister persister,
        LongSupplier wallClock) {
}
