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

    /** Every source ever read, by name. */
    List<SourceRow> all();
}
