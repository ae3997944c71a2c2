package dev.vigil.store.posture;

import dev.vigil.store.db.Database;
import dev.vigil.store.devices.Tags;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@link ConversationStore} in SQL: table {@code edges}. */
public final class SqlConversationStore implements ConversationStore {

    private final Database db;

    public SqlConversationStore(Database db) {
        this.db = db;
    }

    private static EdgeRow edge(ResultSet rs) throws SQLException {
        return new EdgeRow(rs.getString("src"), rs.getString("dst"), rs.getString("service"), rs.getLong("flows"),
                rs.getLong("bytes"), rs.getLong("last_seen"), rs.getString("names"));
    }

    @Override
    public void add(String src, String dst, String service, long flows, long bytes, long lastSeenMillis, Collection<String> names,
            long now) {
        db.write(h -> {
            h.createUpdate("INSERT INTO edges (src, dst, service, flows, bytes, last_seen, updated) VALUES (:s, :d, :v, :f, :b, :l, :t) "
                    + "ON CONFLICT (src, dst, service) DO UPDATE SET flows = edges.flows + :f, bytes = edges.bytes + :b, "
                    + "last_seen = CASE WHEN edges.last_seen > :l THEN edges.last_seen ELSE :l END, updated = :t")
                    .bind("s", src).bind("d", dst).bind("v", service).bind("f", flows).bind("b", bytes).bind("l", lastSeenMillis)
                    .bind("t", now).execute();
            if (!names.isEmpty()) {
                String old = h.createQuery("SELECT names FROM edges WHERE src = :s AND dst = :d AND service = :v").bind("s", src)
                        .bind("d", dst).bind("v", service).mapTo(String.class).findOne().orElse(null);
                Set<String> all = new LinkedHashSet<>(Tags.split(old));
                all.addAll(names);
                h.createUpdate("UPDATE edges SET names = :n WHERE src = :s AND dst = :d AND service = :v")
                        .bind("n", String.join(",", all.stream().limit(MAX_NAMES).toList())).bind("s", src).bind("d", dst)
                        .bind("v", service).execute();
            }
            return null;
        });
    }

    @Override
    public List<EdgeRow> top(int limit) {
        return db.read(h -> h.createQuery("SELECT src, dst, service, flows, bytes, last_seen, names FROM edges ORDER BY bytes DESC "
                + "LIMIT :n").bind("n", limit).map((rs, c) -> edge(rs)).list());
    }

    @Override
    public List<EdgeRow> of(String ip, int limit) {
        return db.read(h -> h.createQuery("SELECT src, dst, service, flows, bytes, last_seen, names FROM edges WHERE src = :ip "
                + "OR dst = :ip ORDER BY bytes DESC LIMIT :n").bind("ip", ip).bind("n", limit).map((rs, c) -> edge(rs)).list());
    }

    @Override
    public long count() {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM edges").mapTo(Long.class).one());
    }

    @Override
    public List<dev.vigil.detect.inventory.InventorySnapshot.Link> links() {
        return db.read(h -> h.createQuery("SELECT src, dst, service FROM edges ORDER BY src, dst, service")
                .map((rs, c) -> new dev.vigil.detect.inventory.InventorySnapshot.Link(rs.getString("src"), rs.getString("dst"),
                        rs.getString("service"))).list());
    }
}
