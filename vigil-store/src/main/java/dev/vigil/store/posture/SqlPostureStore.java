package dev.vigil.store.posture;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.detect.trust.TrustScorer;
import dev.vigil.store.db.Database;
import dev.vigil.store.db.Documents;
import dev.vigil.store.db.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@link PostureStore} in SQL: tables {@code trust_history}, {@code tier_events} and {@code metrics_snapshots}. */
public final class SqlPostureStore implements PostureStore {

    private static final TypeReference<List<TrustFactorDocument>> FACTORS = new TypeReference<>() { };

    private final Database db;

    public SqlPostureStore(Database db) {
        this.db = db;
    }

    private static TrustPoint point(ResultSet rs) throws SQLException {
        String factors = rs.getString("factors");
        return new TrustPoint(rs.getString("device_id"), rs.getString("ts"), rs.getDouble("score"), rs.getString("tier"),
                factors == null ? null : Documents.read(factors, FACTORS));
    }

    @Override
    public Map<String, TrustPoint> lastPoints() {
        Map<String, TrustPoint> out = new HashMap<>();
        db.read(h -> h.createQuery("SELECT t.device_id, t.score, t.tier, t.ts, NULL AS factors FROM trust_history t JOIN "
                + "(SELECT device_id, MAX(ts) AS ts FROM trust_history GROUP BY device_id) m ON m.device_id = t.device_id "
                + "AND m.ts = t.ts").map((rs, c) -> point(rs)).list()).forEach(p -> out.put(p.deviceId(), p));
        return out;
    }

    @Override
    public void point(String deviceId, String ts, double score, String tier, List<TrustScorer.Factor> factors, long now) {
        db.write(h -> h.createUpdate("INSERT INTO trust_history (device_id, ts, score, tier, factors, updated) "
                + "VALUES (:d, :ts, :s, :tier, :f, :t) ON CONFLICT (device_id, ts) DO UPDATE SET score = :s, "
                + "tier = :tier, factors = :f, updated = :t").bind("d", deviceId).bind("ts", ts).bind("s", score)
                .bind("tier", tier).bind("f", Documents.write(TrustFactorDocument.of(factors))).bind("t", now).execute());
    }

    @Override
    public List<TrustPoint> history(String deviceId) {
        return db.read(h -> h.createQuery("SELECT device_id, ts, score, tier, factors FROM trust_history WHERE device_id = :id "
                + "ORDER BY ts").bind("id", deviceId).map((rs, c) -> point(rs)).list());
    }

    @Override
    public void tierEvent(TrustScorer.TierChange tc, long now) {
        db.write(h -> h.createUpdate("INSERT INTO tier_events (id, device_id, ts, data, updated) VALUES (:id, :d, :ts, :x, :t)")
                .bind("id", UUID.randomUUID().toString()).bind("d", tc.device()).bind("ts", tc.time())
                .bind("x", Documents.write(TierEventDocument.of(tc))).bind("t", now).execute());
    }

    @Override
    public List<TierEventDocument> tierEvents(String deviceId) {
        return db.read(h -> h.createQuery("SELECT data FROM tier_events WHERE device_id = :id ORDER BY ts").bind("id", deviceId)
                .mapTo(String.class).map(x -> Documents.read(x, TierEventDocument.class)).list());
    }

    @Override
    public List<TierEventDocument> recentTierEvents(int limit) {
        return db.read(h -> h.createQuery("SELECT data FROM tier_events ORDER BY updated DESC, ts DESC LIMIT :n").bind("n", limit)
                .mapTo(String.class).map(x -> Documents.read(x, TierEventDocument.class)).list());
    }

    @Override
    public void snapshot(long ts, SnapshotDocument s, long now) {
        db.write(h -> h.createUpdate("INSERT INTO metrics_snapshots (ts, data, updated) VALUES (:ts, :d, :t) "
                + "ON CONFLICT (ts) DO UPDATE SET data = :d, updated = :t").bind("ts", ts).bind("d", Documents.write(s))
                .bind("t", now).execute());
    }

    @Override
    public Optional<SnapshotDocument> latestSnapshot() {
        return db.read(h -> h.createQuery("SELECT data FROM metrics_snapshots ORDER BY ts DESC LIMIT 1").mapTo(String.class)
                .findOne().map(x -> Documents.read(x, SnapshotDocument.class)));
    }

    @Override
    public Page<SnapshotDocument> snapshots(int limit, int offset) {
        return db.read(h -> new Page<>(h.createQuery("SELECT data FROM metrics_snapshots ORDER BY ts DESC LIMIT :n OFFSET :o")
                .bind("n", limit).bind("o", offset).mapTo(String.class).map(x -> Documents.read(x, SnapshotDocument.class)).list(),
                h.createQuery("SELECT COUNT(*) FROM metrics_snapshots").mapTo(Long.class).one()));
    }

    @Override
    public void inventorySnapshot(long ts, dev.vigil.detect.inventory.InventorySnapshot snapshot, long now) {
        byte[] data = deflate(Documents.write(snapshot).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        db.write(h -> h.createUpdate("INSERT INTO inventory_snapshots (ts, at, reason, devices, links, data, updated) "
                + "VALUES (:ts, :at, :r, :d, :l, :x, :t) ON CONFLICT (ts) DO UPDATE SET at = :at, reason = :r, devices = :d, "
                + "links = :l, data = :x, updated = :t").bind("ts", ts).bind("at", snapshot.at()).bind("r", snapshot.reason())
                .bind("d", snapshot.devices().size()).bind("l", snapshot.links().size()).bind("x", data).bind("t", now).execute());
    }

    @Override
    public Optional<dev.vigil.detect.inventory.InventorySnapshot> inventoryAt(long ts) {
        return db.read(h -> h.createQuery("SELECT data FROM inventory_snapshots WHERE ts <= :ts ORDER BY ts DESC LIMIT 1")
                .bind("ts", ts).mapTo(byte[].class).findOne()).map(b -> {
                    var s = Documents.read(new String(inflate(b), java.nio.charset.StandardCharsets.UTF_8),
                            dev.vigil.detect.inventory.InventorySnapshot.class);
                    Documents.readable(s.version(), dev.vigil.detect.inventory.InventorySnapshot.VERSION, "an inventory snapshot");
                    return s;
                });
    }

    @Override
    public List<InventorySnapshotInfo> inventorySnapshots(int limit) {
        return db.read(h -> h.createQuery("SELECT ts, at, reason, devices, links FROM inventory_snapshots ORDER BY ts DESC LIMIT :n")
                .bind("n", limit).map((rs, c) -> new InventorySnapshotInfo(rs.getLong("ts"), rs.getString("at"), rs.getString("reason"),
                        rs.getLong("devices"), rs.getLong("links"))).list());
    }

    private static byte[] deflate(byte[] in) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(in.length / 4 + 64);
        try (var z = new java.util.zip.DeflaterOutputStream(out)) {
            z.write(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] inflate(byte[] in) {
        try (var z = new java.util.zip.InflaterInputStream(new java.io.ByteArrayInputStream(in))) {
            return z.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
