package dev.vigil.server.ingest;

import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.behavior.MemoryBudget;
import java.util.function.LongSupplier;

/**
 * What every source shares.
 *
 * @param analysis how each window is analysed
 * @param windowNanos a window's length in packet time
 * @param maxWindowWallMillis a window is committed at the latest this long after it opened (wall clock)
 * @param detectionHorizonNanos how long (packet time) a key of a source's behavioural detection (a
 *     device's profile, a beacon, a scan series) may stay idle before it is forgotten
 * @param memory what the keys of a source's behavioural detection may hold together
 * @param persister where closed windows go
 * @param wallClock epoch milliseconds
 */
public record IngestContext(AnalysisConfig analysis, long windowNanos, long maxWindowWallMillis, long detectionHorizonNanos,
        MemoryBudget.Limits memory, Persister persister,
        LongSupplier wallClock) {
}
