package dev.vigil.store.sources;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.store.db.Database;
import dev.vigil.store.db.Documents;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/** {@link SourceStore} in SQL: tables {@code checkpoints}, {@code sources} and {@code detection_state}. */
public final class SqlSourceStore implements SourceStore {

    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() { };

    private final Database db;

    public SqlSourceStore(Database db) {
        this.db = db;
    }

    @Override
    public void addWindow(WindowCounts w, long now) {
        db.write(h -> {
            h.createUpdate("INSERT INTO checkpoints (source, position, packets, flows, bytes, malformed, windows, updated) "
                    + "VALUES (:s, :p, :n, :f, :b, :m, 1, :t) ON CONFLICT (source) DO UPDATE SET position = :p, "
                    + "packets = checkpoints.packets + :n, flows = checkpoints.flows + :f, bytes = checkpoints.bytes + :b, "
                    + "malformed = checkpoints.malformed + :m, windows = checkpoints.windows + 1, updated = :t")
                    .bind("s", w.key()).bind("p", w.position() == null ? "" : w.position()).bind("n", w.packets())
                    .bind("f", w.flows()).bind("b", w.bytes()).bind("m", w.malformed()).bind("t", now).execute();
            Map<String, Long> byReason = malformedBy(h, w.source());
            w.malformedBy().forEach((k, v) -> byReason.merge(k, v, Long::sum));
            h.createUpdate("INSERT INTO sources (name, kind, packets, flows, bytes, malformed, malformed_by, windows, position, "
                    + "last_packet, created, updated) VALUES (:s, :k, :n, :f, :b, :m, :mb, 1, :p, :l, :t, :t) ON CONFLICT (name) "
                    + "DO UPDATE SET kind = :k, packets = sources.packets + :n, flows = sources.flows + :f, "
                    + "bytes = sources.bytes + :b, malformed = sources.malformed + :m, malformed_by = :mb, "
                    + "windows = sources.windows + 1, position = :p, last_packet = :l, updated = :t").bind("s", w.source())
                    .bind("k", w.kind()).bind("n", w.packets()).bind("f", w.flows()).bind("b", w.bytes())
                    .bind("m", w.malformed()).bind("mb", Documents.write(byReason)).bind("p", w.text())
                    .bind("l", w.lastPacket()).bind("t", now).execute();
            h.createUpdate("UPDATE checkpoints SET seq = (SELECT windows FROM sources WHERE name = :s) WHERE source = :k")
                    .bind("s", w.source()).bind("k", w.key()).execute();
            return null;
        });
    }

    private static Map<String, Long> malformedBy(Handle h, String source) {
        String json = h.createQuery("SELECT malformed_by FROM sources WHERE name = :s").bind("s", source).mapTo(String.class)
                .findOne().orElse(null);
        Map<String, Long> out = new TreeMap<>();
        if (json != null) {
            out.putAll(Documents.read(json, COUNTS));
        }
        return out;
    }

    @Override
    public void position(String source, String kind, String key, String position, String text, long now) {
        db.write(h -> {
            h.createUpdate("INSERT INTO checkpoints (source, position, packets, flows, windows, updated) "
                    + "VALUES (:s, :p, 0, 0, 0, :t) ON CONFLICT (source) DO UPDATE SET position = :p, updated = :t")
                    .bind("s", key).bind("p", position).bind("t", now).execute();
            h.createUpdate("INSERT INTO sources (name, kind, packets, flows, bytes, malformed, windows, position, created, updated) "
                    + "VALUES (:s, :k, 0, 0, 0, 0, 0, :p, :t, :t) ON CONFLICT (name) DO UPDATE SET position = :p, updated = :t")
                    .bind("s", source).bind("k", kind).bind("p", text).bind("t", now).execute();
            return null;
        });
    }

    @Override
    public String position(String key) {
        return db.read(h -> h.createQuery("SELECT position FROM checkpoints WHERE source = :s").bind("s", key).mapTo(String.class)
                .findOne().orElse(null));
    }

    @Override
    public void detectionState(String source, String version, DetectionStateRow st, long now) {
        db.write(h -> h.createUpdate("INSERT INTO detection_state (source, version, seq, position_key, position, state, bytes, updated) "
                + "VALUES (:s, :v, :q, :k, :p, :x, :n, :t) ON CONFLICT (source) DO UPDATE SET version = :v, seq = :q, "
                + "position_key = :k, position = :p, state = :x, bytes = :n, updated = :t")
                .bind("s", source).bind("v", version).bind("q", st.seq()).bind("k", st.key()).bind("p", st.position())
                .bind("x", st.state()).bind("n", st.state().length).bind("t", now).execute());
    }

    @Override
    public DetectionStateRow detectionState(String source) {
        return db.read(h -> h.createQuery("SELECT seq, position_key, position, state FROM detection_state WHERE source = :s")
                .bind("s", source).map((rs, c) -> new DetectionStateRow(rs.getLong("seq"), rs.getString("position_key"),
                        rs.getString("position"), rs.getBytes("state"))).findOne().orElse(null));
    }

    @Override
    public long windows(String source) {
        return db.read(h -> h.createQuery("SELECT windows FROM sources WHERE name = :s").bind("s", source).mapTo(Long.class)
                .findOne().orElse(0L));
    }

    @Override
    public Long checkpointSeq(String key) {
        return db.read(h -> h.createQuery("SELECT seq FROM checkpoints WHERE source = :s").bind("s", key).mapTo(Long.class)
                .findOne().orElse(null));
    }

    @Override
    public List<SourceRow> all() {
        return db.read(h -> h.createQuery("SELECT name, kind, packets, flows, bytes, malformed, malformed_by, windows, position, "
                + "last_packet, created, updated FROM sources ORDER BY name").map((rs, c) -> {
                    String mb = rs.getString("malformed_by");
                    return new SourceRow(rs.getString("name"), rs.getString("kind"), rs.getLong("packets"), rs.getLong("flows"),
                            rs.getLong("bytes"), rs.getLong("malformed"), mb == null ? Map.of() : Documents.read(mb, COUNTS),
                            rs.getLong("windows"), rs.getString("position"), rs.getString("last_packet"), rs.getLong("created"),
                            rs.getLong("updated"));
                }).list());
    }
}
