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
     * Writes (or replaces) what a source's behavioural detection has learnt, as of the window committed
     * with it; null deletes it (the source's detection starts afresh).
     */
    void detectionState(String source, String version, byte[] state, long now);

    /** What a source's detection had learnt at its last committed window, or null. */
    byte[] detectionState(String source);

    /** Every source ever read, by name. */
    List<SourceRow> all();
}
