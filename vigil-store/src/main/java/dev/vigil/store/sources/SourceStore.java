package dev.vigil.store.sources;

import java.util.List;

/**
 * Where each source is and what it read: per checkpoint key (where a file resumes) and per source
 * name (what the ingestion page lists, also for sources the service no longer reads).
 */
public interface SourceStore {

    /** Adds a committed window to its source and moves its position. */
    void addWindow(WindowCounts w, long now);

    /** Moves a source's position without a window (a file finished or was skipped). */
    void position(String source, String kind, String key, String position, String text, long now);

    /** The position stored under a checkpoint key, or null. */
    String position(String key);

    /**
     * What a source's behavioural detection had learnt after its window number {@code seq}, and where
     * it had read up to then (its checkpoint key and position).
     */
    record DetectionStateRow(long seq, String key, String position, byte[] state) {
    }

    /** Writes (or replaces) a source's detection state. */
    void detectionState(String source, String version, DetectionStateRow state, long now);

    /** A source's stored detection state, or null. */
    DetectionStateRow detectionState(String source);

    /** Windows committed by a source so far (the number of its last one), 0 when none. */
    long windows(String source);

    /** The number (in its source) of the last window committed under a checkpoint key, or null when none was. */
    Long checkpointSeq(String key);

    /** Every source ever read, by name. */
    List<SourceRow> all();
}
