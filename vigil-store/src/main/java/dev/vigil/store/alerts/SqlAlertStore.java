package dev.vigil.store.alerts;

import dev.vigil.store.db.Columns;
import dev.vigil.store.db.Database;
import dev.vigil.store.db.Page;
import dev.vigil.store.db.Where;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** {@link AlertStore} in SQL: tables {@code alerts} and {@code alert_comments}. */
public final class SqlAlertStore implements AlertStore {

    static final String SEVERITY_ORDER = "CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 "
            + "WHEN 'low' THEN 3 ELSE 4 END";
    /** The queue's order: open, then acknowledged, then resolved; most severe first; newest first. */
    static final String ORDER = "CASE status WHEN 'open' THEN 0 WHEN 'acknowledged' THEN 1 ELSE 2 END, " + SEVERITY_ORDER
            + ", created DESC, id";

    private final Database db;

    public SqlAlertStore(Database db) {
        this.db = db;
    }

    private static Where where(AlertFilter f) {
        Where w = new Where();
        if (f.active()) {
            w.add("status <> 'resolved'");
        } else {
            w.eq("status", "st", f.status());
        }
        return w.eq("severity", "sev", f.severity()).eq("device_id", "device", f.deviceId()).eq("type", "type", f.type())
                .eq("assignee", "assignee", f.assignee());
    }

    private static Optional<AlertRow> find(Handle h, String id) {
        return h.createQuery("SELECT * FROM alerts WHERE id = :id").bind("id", id).map((rs, c) -> AlertRow.of(rs)).findOne();
    }

    @Override
    public Optional<AlertRow> find(String id) {
        return db.read(h -> find(h, id));
    }

    @Override
    public Optional<String> findingOf(String alertId) {
        return db.read(h -> h.createQuery("SELECT finding_id FROM alerts WHERE id = :id").bind("id", alertId).mapTo(String.class)
                .findOne());
    }

    @Override
    public Page<AlertRow> page(AlertFilter filter, int limit, int offset) {
        Where w = where(filter);
        return db.read(h -> new Page<>(w.bindTo(h.createQuery("SELECT * FROM alerts" + w.sql() + " ORDER BY " + ORDER
                + " LIMIT :lim OFFSET :off")).bind("lim", limit).bind("off", offset).map((rs, c) -> AlertRow.of(rs)).list(),
                w.bindTo(h.createQuery("SELECT COUNT(*) FROM alerts" + w.sql())).mapTo(Long.class).one()));
    }

    @Override
    public List<AlertRow> list(AlertFilter filter, int max) {
        Where w = where(filter);
        return db.read(h -> w.bindTo(h.createQuery("SELECT * FROM alerts" + w.sql() + " ORDER BY " + ORDER + " LIMIT :lim"))
                .bind("lim", max).map((rs, c) -> AlertRow.of(rs)).list());
    }

    @Override
    public List<AlertRow> ofDevice(String deviceId) {
        return db.read(h -> h.createQuery("SELECT * FROM alerts WHERE device_id = :id ORDER BY created DESC").bind("id", deviceId)
                .map((rs, c) -> AlertRow.of(rs)).list());
    }

    @Override
    public Map<String, Long> countByType() {
        return db.read(h -> Columns.counts(h.createQuery("SELECT type, COUNT(*) FROM alerts GROUP BY type ORDER BY type")));
    }

    @Override
    public Map<String, Long> countByDevice() {
        return db.read(h -> Columns.counts(h.createQuery("SELECT device_id, COUNT(*) FROM alerts GROUP BY device_id "
                + "ORDER BY COUNT(*) DESC, device_id")));
    }

    @Override
    public AlertRow raise(String id, String deviceId, String type, String severity, String title, String firstEvidence,
            String detectedAt, long now) {
        return db.write(h -> {
            h.createUpdate("INSERT INTO alerts (id, finding_id, device_id, type, severity, title, status, first_evidence, "
                    + "detected_at, created, updated) VALUES (:id, :id, :dev, :type, :sev, :title, 'open', :f, :d, :t, :t)")
                    .bind("id", id).bind("dev", deviceId).bind("type", type).bind("sev", severity).bind("title", title)
                    .bind("f", firstEvidence).bind("d", detectedAt).bind("t", now).execute();
            return find(h, id).orElseThrow();
        });
    }

    @Override
    public AlertRow reopen(String id, String severity, long now) {
        return db.write(h -> {
            h.createUpdate("UPDATE alerts SET status = 'open', resolved = NULL, acknowledged = NULL, severity = :sev, "
                    + "updated = :t WHERE id = :id").bind("id", id).bind("sev", severity).bind("t", now).execute();
            return find(h, id).orElseThrow();
        });
    }

    @Override
    public void severity(String id, String severity, long now) {
        db.write(h -> h.createUpdate("UPDATE alerts SET severity = :sev, updated = :t WHERE id = :id").bind("id", id)
                .bind("sev", severity).bind("t", now).execute());
    }

    @Override
    public void state(String id, String status, String assignee, Long acknowledged, Long resolved, long now) {
        db.write(h -> h.createUpdate("UPDATE alerts SET status = :s, assignee = :a, acknowledged = :ack, resolved = :res, "
                + "updated = :t WHERE id = :id").bind("s", status).bind("a", assignee).bind("ack", acknowledged)
                .bind("res", resolved).bind("t", now).bind("id", id).execute());
    }

    @Override
    public void touch(String id, long now) {
        db.write(h -> h.createUpdate("UPDATE alerts SET updated = :t WHERE id = :id").bind("t", now).bind("id", id).execute());
    }

    @Override
    public void comment(String alertId, String author, String text, long now) {
        db.write(h -> h.createUpdate("INSERT INTO alert_comments (id, alert_id, author, text, created) VALUES (:c, :a, :u, :x, :t)")
                .bind("c", UUID.randomUUID().toString()).bind("a", alertId).bind("u", author).bind("x", text).bind("t", now)
                .execute());
    }

    @Override
    public List<AlertComment> comments(String alertId) {
        return db.read(h -> h.createQuery("SELECT author, text, created FROM alert_comments WHERE alert_id = :id ORDER BY created")
                .bind("id", alertId).map((rs, c) -> new AlertComment(rs.getString("author"), rs.getString("text"),
                        rs.getLong("created"))).list());
    }

    @Override
    public boolean deleteUntouched(String id) {
        return db.write(h -> h.createUpdate("DELETE FROM alerts WHERE id = :id AND status = 'open' AND assignee IS NULL AND NOT EXISTS "
                + "(SELECT 1 FROM alert_comments c WHERE c.alert_id = alerts.id)").bind("id", id).execute() > 0);
    }

    @Override
    public AlertFigures figures() {
        return db.read(h -> {
            Map<String, Long> by = Columns.counts(h.createQuery("SELECT status, COUNT(*) FROM alerts GROUP BY status"));
            Double mtta = h.createQuery("SELECT AVG(acknowledged - created) FROM alerts WHERE acknowledged IS NOT NULL")
                    .mapTo(Double.class).findOne().orElse(null);
            Double mttr = h.createQuery("SELECT AVG(resolved - created) FROM alerts WHERE resolved IS NOT NULL").mapTo(Double.class)
                    .findOne().orElse(null);
            return new AlertFigures(by.getOrDefault("open", 0L), by.getOrDefault("acknowledged", 0L),
                    by.getOrDefault("resolved", 0L), mtta, mttr);
        });
    }

    @Override
    public long active() {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM alerts WHERE status <> 'resolved'").mapTo(Long.class).one());
    }

    @Override
    public Set<String> unresolvedFindings(String deviceId) {
        return db.read(h -> {
            var q = h.createQuery("SELECT finding_id FROM alerts WHERE status <> 'resolved'"
                    + (deviceId == null ? "" : " AND device_id = :d"));
            if (deviceId != null) {
                q.bind("d", deviceId);
            }
            return new HashSet<>(q.mapTo(String.class).list());
        });
    }

    @Override
    public List<String> devicesOf(Collection<String> alertIds) {
        if (alertIds.isEmpty()) {
            return List.of();
        }
        return db.read(h -> h.createQuery("SELECT DISTINCT device_id FROM alerts WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(alertIds)).mapTo(String.class).list());
    }

    @Override
    public Map<String, Long> activePerDevice() {
        return db.read(h -> Columns.counts(h.createQuery("SELECT device_id, COUNT(*) FROM alerts WHERE status <> 'resolved' "
                + "GROUP BY device_id")));
    }
}
