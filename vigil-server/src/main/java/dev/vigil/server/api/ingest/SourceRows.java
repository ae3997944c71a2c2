package dev.vigil.server.api.ingest;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.vigil.server.ingest.Source;
import dev.vigil.store.sources.SourceRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ingestion page's rows: every source the service reads now, with what it read in this run, and
 * what the store holds of each over every run (also for sources it no longer reads after a restart:
 * what they read and where they stopped).
 */
final class SourceRows {

    /** A source read now: its status in this run, and what the store holds of it (null before its first commit). */
    record Running(@JsonUnwrapped Source.Status status, boolean running, Stored stored) {
    }

    /** A source the service no longer reads: what it read over every run and where it stopped. */
    record Stopped(String name, String kind, Source.State state, String message, long packets, long flows, long bytes,
            long malformed, long windows, String position, long dropped, long queued, long queueCapacity, boolean running,
            Stored stored) {
    }

    /**
     * What the store holds of a source, over every run.
     *
     * @param firstRead when it was first read (epoch ms)
     * @param lastPacket the last committed packet's time (ISO-8601), or null
     */
    record Stored(String name, String kind, long packets, long flows, long bytes, long malformed, long windows,
            Map<String, Long> malformedBy, String position, String lastPacket, long firstRead, long updated) {

        static Stored of(SourceRow r) {
            return new Stored(r.name(), r.kind(), r.packets(), r.flows(), r.bytes(), r.malformed(), r.windows(), r.malformedBy(),
                    r.position(), r.lastPacket(), r.created(), r.updated());
        }
    }

    private SourceRows() {
    }

    static List<Object> of(List<SourceRow> storedRows, List<Source.Status> live) {
        Map<String, Stored> stored = new LinkedHashMap<>();
        storedRows.forEach(r -> stored.put(r.name(), Stored.of(r)));
        List<Object> out = new ArrayList<>();
        for (Source.Status s : live) {
            out.add(new Running(s, true, stored.remove(s.name())));
        }
        for (Stored t : stored.values()) {
            out.add(new Stopped(t.name(), t.kind(), Source.State.STOPPED, "not read since the service started; what it read before "
                    + "is stored", t.packets(), t.flows(), t.bytes(), t.malformed(), t.windows(), t.position(), 0, 0, 0, false, t));
        }
        return out;
    }
}
