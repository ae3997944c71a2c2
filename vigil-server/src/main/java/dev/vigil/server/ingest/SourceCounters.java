package dev.vigil.server.ingest;

import dev.vigil.engine.event.EventJson;
import dev.vigil.server.store.Json;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * What each source read and where it is, in the store: per checkpoint key (where a file resumes)
 * and per source name (what the ingestion page lists, also for sources the service no longer reads
 * after a restart).
 */
final class SourceCounters {

    private SourceCounters() {
    }

    /** Adds a committed window to its source's counters and moves its position, in the window's transaction. */
    static void add(Handle h, Persister.Checkpoint cp, Window.Closed w, long now) {
        h.createUpdate("INSERT INTO checkpoints (source, position, packets, flows, bytes, malformed, windows, updated) "
                + "VALUES (:s, :p, :n, :f, :b, :m, 1, :t) ON CONFLICT (source) DO UPDATE SET position = :p, "
                + "packets = checkpoints.packets + :n, flows = checkpoints.flows + :f, bytes = checkpoints.bytes + :b, "
                + "malformed = checkpoints.malformed + :m, windows = checkpoints.windows + 1, updated = :t")
                .bind("s", cp.key()).bind("p", cp.position() == null ? "" : cp.position()).bind("n", w.packets())
                .bind("f", w.allFlows()).bind("b", w.bytes()).bind("m", w.malformed()).bind("t", now).execute();
        Map<String, Long> byReason = new TreeMap<>(malformedBy(h, cp.source()));
        w.result().summary().malformed().forEach((k, v) -> byReason.merge(k, v, Long::sum));
        h.createUpdate("INSERT INTO sources (name, kind, packets, flows, bytes, malformed, malformed_by, windows, position, "
                + "last_packet, created, updated) VALUES (:s, :k, :n, :f, :b, :m, :mb, 1, :p, :l, :t, :t) ON CONFLICT (name) "
                + "DO UPDATE SET kind = :k, packets = sources.packets + :n, flows = sources.flows + :f, "
                + "bytes = sources.bytes + :b, malformed = sources.malformed + :m, malformed_by = :mb, "
                + "windows = sources.windows + 1, position = :p, last_packet = :l, updated = :t").bind("s", cp.source())
                .bind("k", cp.kind()).bind("n", w.packets()).bind("f", w.allFlows()).bind("b", w.bytes())
                .bind("m", w.malformed()).bind("mb", Json.write(byReason)).bind("p", cp.text())
                .bind("l", w.endNanos() == 0 ? null : EventJson.time(w.endNanos())).bind("t", now).execute();
    }

    /** A source's malformed input so far, by anomaly name. */
    static Map<String, Long> malformedBy(Handle h, String source) {
        String json = h.createQuery("SELECT malformed_by FROM sources WHERE name = :s").bind("s", source).mapTo(String.class)
                .findOne().orElse(null);
        Map<String, Long> out = new TreeMap<>();
        if (json != null) {
            out.putAll(Json.read(json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Long>>() { }));
        }
        return out;
    }

    /** Moves a source's position without a window (a file finished or was skipped). */
    static void position(Handle h, Persister.Checkpoint cp, long now) {
        h.createUpdate("INSERT INTO checkpoints (source, position, packets, flows, windows, updated) "
                + "VALUES (:s, :p, 0, 0, 0, :t) ON CONFLICT (source) DO UPDATE SET position = :p, updated = :t")
                .bind("s", cp.key()).bind("p", cp.position()).bind("t", now).execute();
        h.createUpdate("INSERT INTO sources (name, kind, packets, flows, bytes, malformed, windows, position, created, updated) "
                + "VALUES (:s, :k, 0, 0, 0, 0, 0, :p, :t, :t) ON CONFLICT (name) DO UPDATE SET position = :p, updated = :t")
                .bind("s", cp.source()).bind("k", cp.kind()).bind("p", cp.text()).bind("t", now).execute();
    }
}
