package dev.vigil.server.api;

import dev.vigil.server.ingest.Source;
import dev.vigil.server.store.Json;
import dev.vigil.server.store.Store;
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

    private SourceRows() {
    }

    static List<Map<String, Object>> of(Store store, List<Source.Status> live) {
        Map<String, Map<String, Object>> stored = new LinkedHashMap<>();
        store.read(h -> h.createQuery("SELECT name, kind, packets, flows, bytes, malformed, malformed_by, windows, position, "
                + "last_packet, created, updated FROM sources ORDER BY name").mapToMap().list())
                .forEach(r -> stored.put((String) r.get("name"), total(r)));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Source.Status s : live) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = Json.MAPPER.convertValue(s, LinkedHashMap.class);
            row.put("running", true);
            row.put("stored", stored.remove(s.name()));
            out.add(row);
        }
        for (Map<String, Object> t : stored.values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", t.get("name"));
            row.put("kind", t.get("kind"));
            row.put("state", Source.State.STOPPED);
            row.put("message", "not read since the service started; what it read before is stored");
            for (String k : List.of("packets", "flows", "bytes", "malformed", "windows", "position")) {
                row.put(k, t.get(k));
            }
            row.put("dropped", 0);
            row.put("queued", 0);
            row.put("queue_capacity", 0);
            row.put("running", false);
            row.put("stored", t);
            out.add(row);
        }
        return out;
    }

    /** A stored row: counts over every run, the last position and packet time, since when. */
    private static Map<String, Object> total(Map<String, Object> r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.get("name"));
        m.put("kind", r.get("kind"));
        for (String k : List.of("packets", "flows", "bytes", "malformed", "windows")) {
            m.put(k, ((Number) r.get(k)).longValue());
        }
        m.put("malformed_by", r.get("malformed_by") == null ? Map.of() : Json.read((String) r.get("malformed_by"), Map.class));
        m.put("position", r.get("position"));
        m.put("last_packet", r.get("last_packet"));
        m.put("first_read", r.get("created"));
        m.put("updated", r.get("updated"));
        return m;
    }
}
