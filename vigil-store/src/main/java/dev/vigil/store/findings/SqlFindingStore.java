package dev.vigil.store.findings;

import dev.vigil.detect.findings.Finding;
import dev.vigil.store.db.ChangeCursor;
import dev.vigil.store.db.ChangeFeed;
import dev.vigil.store.db.Changes;
import dev.vigil.store.db.Columns;
import dev.vigil.store.db.Database;
import dev.vigil.store.db.FieldCipher;
import dev.vigil.store.db.Page;
import dev.vigil.store.db.Where;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link FindingStore} in SQL: table {@code findings}. */
public final class SqlFindingStore implements FindingStore {

    static final String COLUMNS = "id, device_id, type, category, severity, first_seen, last_seen, count, updated, change_seq, data";
    /** Most severe first. */
    public static final String SEVERITY_ORDER = "CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 "
            + "WHEN 'low' THEN 3 ELSE 4 END";
    static final int BATCH = 500;

    private final Database db;
    private final FieldCipher cipher;

    public SqlFindingStore(Database db, FieldCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    private FindingRow row(ResultSet rs) throws SQLException {
        return new FindingRow(rs.getString("id"), rs.getString("device_id"), rs.getString("type"), rs.getString("category"),
                rs.getString("severity"), rs.getString("first_seen"), rs.getString("last_seen"), rs.getLong("count"),
                rs.getLong("updated"), rs.getLong("change_seq"), FindingDocuments.read(rs.getString("data"), cipher));
    }

    private static Where where(FindingFilter f) {
        return new Where().eq("device_id", "device", f.deviceId()).eq("type", "type", f.type())
                .eq("category", "category", f.category()).eq("severity", "sev", f.severity());
    }

    @Override
    public Optional<FindingRow> find(String id) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM findings WHERE id = :id").bind("id", id)
                .map((rs, c) -> row(rs)).findOne());
    }

    @Override
    public Finding finding(String id) {
        return db.read(h -> h.createQuery("SELECT data FROM findings WHERE id = :id").bind("id", id).mapTo(String.class).findOne()
                .map(d -> FindingDocuments.read(d, cipher)).orElse(null));
    }

    @Override
    public void put(String id, Finding f, String category, long now) {
        db.write(h -> h.createUpdate("INSERT INTO findings (id, device_id, type, category, severity, first_seen, last_seen, count, "
                + "data, updated, change_seq) VALUES (:id, :dev, :type, :cat, :sev, :f, :l, :n, :d, :t, :c) ON CONFLICT (id) DO UPDATE "
                + "SET severity = :sev, first_seen = :f, last_seen = :l, count = :n, data = :d, updated = :t, change_seq = :c")
                .bind("id", id).bind("dev", f.device().id()).bind("type", f.type()).bind("cat", category)
                .bind("sev", f.severity().label()).bind("f", f.firstSeen()).bind("l", f.lastSeen()).bind("n", f.count())
                .bind("d", FindingDocuments.write(f, cipher)).bind("t", now).bind("c", db.changeNumber()).execute());
    }

    @Override
    public boolean delete(String id) {
        return db.write(h -> h.createUpdate("DELETE FROM findings WHERE id = :id").bind("id", id).execute() > 0);
    }

    @Override
    public List<Finding> all() {
        return db.read(h -> h.createQuery("SELECT data FROM findings ORDER BY id").mapTo(String.class)
                .map(d -> FindingDocuments.read(d, cipher)).list());
    }

    @Override
    public List<Finding> ofDevice(String deviceId) {
        return db.read(h -> h.createQuery("SELECT data FROM findings WHERE device_id = :id ORDER BY id").bind("id", deviceId)
                .mapTo(String.class).map(d -> FindingDocuments.read(d, cipher)).list());
    }

    @Override
    public List<FindingRow> rowsOfDevice(String deviceId) {
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM findings WHERE device_id = :id ORDER BY last_seen DESC")
                .bind("id", deviceId).map((rs, c) -> row(rs)).list());
    }

    @Override
    public Page<FindingRow> page(FindingFilter filter, int limit, int offset) {
        Where w = where(filter);
        return db.read(h -> new Page<>(w.bindTo(h.createQuery("SELECT " + COLUMNS + " FROM findings" + w.sql() + " ORDER BY "
                + SEVERITY_ORDER + ", last_seen DESC, id LIMIT :lim OFFSET :off")).bind("lim", limit).bind("off", offset)
                .map((rs, c) -> row(rs)).list(), w.bindTo(h.createQuery("SELECT COUNT(*) FROM findings" + w.sql()))
                .mapTo(Long.class).one()));
    }

    @Override
    public List<FindingRow> list(FindingFilter filter, int max) {
        Where w = where(filter);
        return db.read(h -> w.bindTo(h.createQuery("SELECT " + COLUMNS + " FROM findings" + w.sql() + " ORDER BY id LIMIT :lim"))
                .bind("lim", max).map((rs, c) -> row(rs)).list());
    }

    @Override
    public List<FindingRow> ofTypes(Collection<String> types) {
        if (types.isEmpty()) {
            return List.of();
        }
        return db.read(h -> h.createQuery("SELECT " + COLUMNS + " FROM findings WHERE type IN (<types>) ORDER BY id")
                .bindList("types", List.copyOf(types)).map((rs, c) -> row(rs)).list());
    }

    @Override
    public Changes<FindingRow> changes(long sinceMillis, ChangeCursor after, int limit) {
        return db.read(h -> ChangeFeed.page(h, "findings", COLUMNS, sinceMillis, after, limit, (rs, c) -> row(rs),
                FindingRow::change, FindingRow::id));
    }

    @Override
    public void forEach(FindingFilter filter, long sinceMillis, Consumer<FindingRow> each) {
        Where w = where(filter).add("updated >= :since", "since", sinceMillis);
        String last = "";
        while (true) {
            String from = last;
            List<FindingRow> batch = db.read(h -> w.bindTo(h.createQuery("SELECT " + COLUMNS + " FROM findings" + w.sql()
                    + " AND id > :from ORDER BY id LIMIT :n")).bind("from", from).bind("n", BATCH).map((rs, c) -> row(rs)).list());
            batch.forEach(each);
            if (batch.size() < BATCH) {
                return;
            }
            last = batch.get(batch.size() - 1).id();
        }
    }

    @Override
    public long count() {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM findings").mapTo(Long.class).one());
    }

    @Override
    public Map<String, Long> countBySeverity() {
        return db.read(h -> Columns.counts(h.createQuery("SELECT severity, COUNT(*) AS n FROM findings GROUP BY severity")));
    }

    @Override
    public Map<String, Long> countByCategory() {
        return db.read(h -> Columns.counts(h.createQuery("SELECT category, COUNT(*) AS n FROM findings GROUP BY category")));
    }
}
