package dev.vigil.store.devices;

import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.trust.Assets;
import dev.vigil.store.db.ChangeCursor;
import dev.vigil.store.db.Changes;
import dev.vigil.store.db.Database;
import dev.vigil.store.db.FieldCipher;
import dev.vigil.store.db.Page;
import dev.vigil.store.db.ChangeFeed;
import dev.vigil.store.db.Columns;
import dev.vigil.store.db.Where;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/** {@link DeviceStore} in SQL: tables {@code devices} and {@code device_ips}. */
public final class SqlDeviceStore implements DeviceStore {

    static final String SUMMARY = "id, ip, vendor, type, trust, tier, risk, risk_level, first_seen, last_seen, owner_enc, "
            + "contact_enc, location, purpose, criticality, tags, zone, updated, change_seq";
    static final String FULL = SUMMARY + ", data";
    /** Rows one batch of {@link #forEach} reads. */
    static final int BATCH = 500;

    private final Database db;
    private final FieldCipher cipher;
    private final DeviceQueries queries;

    public SqlDeviceStore(Database db, FieldCipher cipher) {
        this.db = db;
        this.cipher = cipher;
        this.queries = new DeviceQueries(cipher);
    }

    DeviceRow row(ResultSet rs, boolean withDocument) throws SQLException {
        double trust = rs.getDouble("trust");
        boolean noTrust = rs.wasNull();
        double risk = rs.getDouble("risk");
        boolean noRisk = rs.wasNull();
        return new DeviceRow(rs.getString("id"), rs.getString("ip"), rs.getString("vendor"), rs.getString("type"),
                noTrust ? null : trust, rs.getString("tier"), noRisk ? null : risk, rs.getString("risk_level"),
                rs.getString("first_seen"), rs.getString("last_seen"), cipher.decrypt(rs.getString("owner_enc")),
                cipher.decrypt(rs.getString("contact_enc")), rs.getString("location"), rs.getString("purpose"),
                rs.getString("criticality"), Tags.split(rs.getString("tags")), rs.getString("zone"), rs.getLong("updated"),
                rs.getLong("change_seq"), withDocument ? DeviceDocuments.read(rs.getString("data")) : null);
    }

    @Override
    public Optional<DeviceRow> find(String id) {
        return db.read(h -> h.createQuery("SELECT " + FULL + " FROM devices WHERE id = :id").bind("id", id)
                .map((rs, c) -> row(rs, true)).findOne());
    }

    @Override
    public String assessment(String id) {
        return db.read(h -> h.createQuery("SELECT assessment FROM devices WHERE id = :id").bind("id", id).mapTo(String.class)
                .findOne().orElse(null));
    }

    @Override
    public Device inventory(String id) {
        return db.read(h -> h.createQuery("SELECT data FROM devices WHERE id = :id").bind("id", id).mapTo(String.class)
                .findOne().map(DeviceDocuments::read).orElse(null));
    }

    @Override
    public List<Device> inventories() {
        return db.read(h -> h.createQuery("SELECT data FROM devices ORDER BY id").mapTo(String.class)
                .map(DeviceDocuments::read).list());
    }

    @Override
    public void put(Device d, long now) {
        db.write(h -> h.createUpdate("INSERT INTO devices (id, first_seen, last_seen, type, vendor, ip, data, updated, change_seq) "
                + "VALUES (:id, :f, :l, :type, :v, :ip, :d, :t, :c) ON CONFLICT (id) DO UPDATE SET first_seen = :f, "
                + "last_seen = :l, type = :type, vendor = :v, ip = :ip, data = :d, updated = :t, change_seq = :c")
                .bind("id", d.id()).bind("f", d.firstSeen()).bind("l", d.lastSeen()).bind("type", d.type())
                .bind("v", d.vendor()).bind("ip", d.mainAddress()).bind("d", DeviceDocuments.write(d)).bind("t", now)
                .bind("c", db.changeNumber()).execute());
    }

    @Override
    public void claimAddresses(String deviceId, Collection<String> ips) {
        db.write(h -> {
            for (String ip : ips) {
                h.createUpdate("INSERT INTO device_ips (ip, device_id) VALUES (:ip, :d) ON CONFLICT (ip) DO UPDATE SET device_id = :d")
                        .bind("ip", ip).bind("d", deviceId).execute();
            }
            return null;
        });
    }

    @Override
    public Page<DeviceRow> page(DeviceFilter filter, DeviceSort sort, int limit, int offset) {
        return db.read(h -> {
            Where w = queries.where(h, filter);
            long total = w.bindTo(h.createQuery("SELECT COUNT(*) FROM devices" + w.sql())).mapTo(Long.class).one();
            List<DeviceRow> rows = w.bindTo(h.createQuery("SELECT " + FULL + " FROM devices" + w.sql() + " ORDER BY " + sort.sql
                    + ", id LIMIT :lim OFFSET :off")).bind("lim", limit).bind("off", offset).map((rs, c) -> row(rs, true)).list();
            return new Page<>(rows, total);
        });
    }

    @Override
    public Changes<DeviceRow> changes(long sinceMillis, ChangeCursor after, int limit) {
        return db.read(h -> ChangeFeed.page(h, "devices", FULL, sinceMillis, after, limit, (rs, c) -> row(rs, true),
                DeviceRow::change, DeviceRow::id));
    }

    @Override
    public void forEach(long sinceMillis, Consumer<DeviceRow> each) {
        String last = "";
        while (true) {
            String from = last;
            List<DeviceRow> batch = db.read(h -> h.createQuery("SELECT " + FULL + " FROM devices WHERE id > :from AND updated >= :s "
                    + "ORDER BY id LIMIT :n").bind("from", from).bind("s", sinceMillis).bind("n", BATCH).map((rs, c) -> row(rs, true))
                    .list());
            batch.forEach(each);
            if (batch.size() < BATCH) {
                return;
            }
            last = batch.get(batch.size() - 1).id();
        }
    }

    @Override
    public List<DeviceRow> lowestTrust(int limit) {
        return ranked("trust IS NOT NULL ORDER BY trust, id", limit);
    }

    @Override
    public List<DeviceRow> highestRisk(int limit) {
        return ranked("risk IS NOT NULL ORDER BY risk DESC, id", limit);
    }

    private List<DeviceRow> ranked(String whereAndOrder, int limit) {
        return db.read(h -> h.createQuery("SELECT " + SUMMARY + " FROM devices WHERE " + whereAndOrder + " LIMIT :n")
                .bind("n", limit).map((rs, c) -> row(rs, false)).list());
    }

    @Override
    public List<DeviceRow> byIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return db.read(h -> h.createQuery("SELECT " + FULL + " FROM devices WHERE id IN (<ids>)").bindList("ids", List.copyOf(ids))
                .map((rs, c) -> row(rs, true)).list());
    }

    @Override
    public List<DeviceRow> all() {
        return db.read(h -> h.createQuery("SELECT " + FULL + " FROM devices").map((rs, c) -> row(rs, true)).list());
    }

    @Override
    public long count() {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM devices").mapTo(Long.class).one());
    }

    @Override
    public SortedSet<String> types() {
        return db.read(h -> new TreeSet<>(h.createQuery("SELECT DISTINCT type FROM devices WHERE type IS NOT NULL")
                .mapTo(String.class).list()));
    }

    @Override
    public DeviceFacetValues facetValues() {
        return db.read(queries::facets);
    }

    @Override
    public boolean edit(String id, DeviceEdit e, long now) {
        return db.write(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM devices WHERE id = :id").bind("id", id).mapTo(Long.class).one() == 0) {
                return false;
            }
            for (Map.Entry<String, String> f : e.text().entrySet()) {
                String v = f.getValue() == null || f.getValue().isBlank() ? null : f.getValue().trim();
                switch (f.getKey()) {
                    case "owner" -> h.createUpdate("UPDATE devices SET owner_enc = :e, owner_token = :t WHERE id = :id")
                            .bind("e", cipher.encrypt(v)).bind("t", cipher.token(v)).bind("id", id).execute();
                    case "contact" -> h.createUpdate("UPDATE devices SET contact_enc = :e WHERE id = :id")
                            .bind("e", cipher.encrypt(v)).bind("id", id).execute();
                    case "location", "purpose", "zone" -> h.createUpdate("UPDATE devices SET " + f.getKey() + " = :v WHERE id = :id")
                            .bind("v", v).bind("id", id).execute();
                    default -> throw new IllegalArgumentException("'" + f.getKey() + "' is not an editable field");
                }
            }
            if (e.criticality() != null) {
                h.createUpdate("UPDATE devices SET criticality = :v WHERE id = :id")
                        .bind("v", e.criticality().isEmpty() ? null : e.criticality()).bind("id", id).execute();
            }
            if (e.tags() != null) {
                h.createUpdate("UPDATE devices SET tags = :v WHERE id = :id").bind("v", e.tags().isEmpty() ? null : e.tags())
                        .bind("id", id).execute();
            }
            if (!e.text().isEmpty() || e.criticality() != null || e.tags() != null) {
                h.createUpdate("UPDATE devices SET updated = :t, change_seq = :c WHERE id = :id").bind("t", now)
                        .bind("c", db.changeNumber()).bind("id", id).execute();
            }
            return true;
        });
    }

    @Override
    public Map<String, String> addressesOf(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return db.read(h -> Columns.pairs(h.createQuery("SELECT id, ip FROM devices WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(ids)), "id", "ip"));
    }

    @Override
    public Optional<String> resolve(String key) {
        return db.read(h -> h.createQuery("SELECT id FROM devices WHERE id = :k OR lower(id) = lower(:k) OR ip = :k")
                .bind("k", key).mapTo(String.class).findFirst());
    }

    @Override
    public Map<String, String> addressOwners() {
        return db.read(h -> Columns.pairs(h.createQuery("SELECT ip, device_id FROM device_ips"), "ip", "device_id"));
    }

    @Override
    public Optional<String> ownerOf(String ip) {
        return db.read(h -> h.createQuery("SELECT device_id FROM device_ips WHERE ip = :ip").bind("ip", ip).mapTo(String.class)
                .findOne());
    }

    @Override
    public List<String> addressesOfType(String type) {
        return db.read(h -> h.createQuery("SELECT i.ip FROM device_ips i JOIN devices d ON d.id = i.device_id WHERE d.type = :t")
                .bind("t", type).mapTo(String.class).list());
    }

    @Override
    public Assets assets() {
        Map<String, Assets.Asset> m = new HashMap<>();
        db.read(h -> h.createQuery("SELECT id, owner_enc, location, criticality, tags FROM devices WHERE owner_enc IS NOT NULL "
                + "OR location IS NOT NULL OR criticality IS NOT NULL OR tags IS NOT NULL").map((rs, c) -> Map.entry(rs.getString("id"),
                        new Assets.Asset(cipher.decrypt(rs.getString("owner_enc")), rs.getString("location"),
                                rs.getString("criticality"), Tags.split(rs.getString("tags"))))).list())
                .forEach(e -> m.put(e.getKey(), e.getValue()));
        return Assets.of(m);
    }

    @Override
    public Map<String, String> tiers() {
        return db.read(h -> Columns.pairs(h.createQuery("SELECT id, tier FROM devices"), "id", "tier"));
    }

    @Override
    public void assess(String id, DeviceAssessmentRow a, long now) {
        db.write(h -> h.createUpdate("UPDATE devices SET "
                + "updated = CASE WHEN tier IS DISTINCT FROM :tier OR risk_level IS DISTINCT FROM :lvl THEN :t ELSE updated END, "
                + "change_seq = CASE WHEN tier IS DISTINCT FROM :tier OR risk_level IS DISTINCT FROM :lvl THEN :c ELSE change_seq END, "
                + "trust = :s, tier = :tier, risk = :r, risk_level = :lvl, assessment = :a WHERE id = :id").bind("id", id)
                .bind("s", a.trust()).bind("tier", a.tier()).bind("r", a.risk()).bind("lvl", a.riskLevel())
                .bind("a", a.assessment()).bind("t", now).bind("c", db.changeNumber()).execute());
    }

    @Override
    public Map<String, Long> tierCounts() {
        return db.read(h -> Columns.counts(h.createQuery("SELECT tier, COUNT(*) AS n FROM devices WHERE tier IS NOT NULL "
                + "GROUP BY tier")));
    }

    @Override
    public List<Double> trustScores() {
        return db.read(h -> h.createQuery("SELECT trust FROM devices WHERE trust IS NOT NULL").mapTo(Double.class).list());
    }

    @Override
    public void changed(String deviceId, List<dev.vigil.detect.inventory.DeviceChanges.Change> changes, long now) {
        if (changes.isEmpty()) {
            return;
        }
        db.write(h -> {
            for (var c : changes) {
                h.createUpdate("INSERT INTO device_events (id, device_id, ts, kind, value, previous, updated) "
                        + "VALUES (:id, :d, :ts, :k, :v, :p, :t) ON CONFLICT (id) DO NOTHING")
                        .bind("id", eventId(deviceId, c)).bind("d", deviceId).bind("ts", c.at() == null ? "" : c.at())
                        .bind("k", c.kind()).bind("v", c.value()).bind("p", c.previous()).bind("t", now).execute();
            }
            return null;
        });
    }

    /** A change's id: the same change of the same device at the same time is one row. */
    static String eventId(String deviceId, dev.vigil.detect.inventory.DeviceChanges.Change c) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest((deviceId + '\n' + c.at() + '\n' + c.kind() + '\n'
                    + c.value()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "E" + java.util.HexFormat.of().formatHex(d, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<dev.vigil.detect.inventory.DeviceChanges.Change> changes(String deviceId, int limit) {
        return db.read(h -> h.createQuery("SELECT ts, kind, value, previous FROM device_events WHERE device_id = :d "
                + "ORDER BY ts DESC, kind LIMIT :n").bind("d", deviceId).bind("n", limit)
                .map((rs, ctx) -> new dev.vigil.detect.inventory.DeviceChanges.Change(rs.getString("ts"), rs.getString("kind"),
                        rs.getString("value"), rs.getString("previous"))).list());
    }
}
