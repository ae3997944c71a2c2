package dev.vigil.server.ingest;

import dev.vigil.detect.analysis.Analyzer;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.trust.Assessor;
import dev.vigil.detect.trust.TrustConfig;
import dev.vigil.detect.trust.TrustScorer;
import dev.vigil.engine.event.EventJson;
import dev.vigil.server.crypto.Vault;
import dev.vigil.server.store.AlertRow;
import dev.vigil.server.store.Json;
import dev.vigil.server.store.Records;
import dev.vigil.server.store.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;

/**
 * Commits a closed window: devices merged into what the store knows, findings folded into their
 * stable rows, alerts raised (or reopened) for detection findings, the conversations, then trust, risk
 * and the programme metrics recomputed over the whole store, and the source's position, all in one
 * transaction. New and reopened alerts go to the outputs once the transaction has committed.
 */
public final class Persister {

    /** Where raised alerts and tier changes go once their transaction has committed. */
    public interface Sink {

        void alert(AlertRow a);

        void tierChange(TrustScorer.TierChange c);
    }

    /** What a commit did. */
    public record Commit(int devices, int findings, List<AlertRow> newAlerts, int tierChanges) {
    }

    private final Store store;
    private final Vault vault;
    private final FindingCatalog catalog;
    private final TrustConfig trust;
    private final LongSupplier clock;
    private final Sink alerts;
    /** Trust, risk and metrics are recomputed at most this often while ingesting (and when a source ends). */
    private final long reassessMillis;
    private long lastReassess;
    /** The gap before the next assessment: reassessMillis, or ten times the last one's duration if longer. */
    private long reassessGap;
    private boolean dirty;

    public Persister(Store store, Vault vault, FindingCatalog catalog, TrustConfig trust, LongSupplier clock,
            Sink alerts) {
        this(store, vault, catalog, trust, clock, alerts, 2000);
    }

    public Persister(Store store, Vault vault, FindingCatalog catalog, TrustConfig trust, LongSupplier clock,
            Sink alerts, long reassessMillis) {
        this.reassessMillis = reassessMillis;
        this.store = store;
        this.vault = vault;
        this.catalog = catalog;
        this.trust = trust;
        this.clock = clock;
        this.alerts = alerts;
    }

    /**
     * Commits a window and the source's position after it.
     *
     * @param source the source's checkpoint key
     * @param position where the source resumes after this window (null: the source cannot resume)
     */
    public Commit commit(Window.Closed w, String source, String position) {
        long now = clock.getAsLong();
        List<TrustScorer.TierChange> moved = new ArrayList<>();
        Commit c = store.write(h -> {
            int devices = 0;
            for (Device d : w.result().devices()) {
                upsertDevice(h, d, now);
                devices++;
            }
            List<AlertRow> raised = new ArrayList<>();
            for (Finding f : w.result().findings()) {
                retractSuperseded(h, f);
                AlertRow a = upsertFinding(h, f, now);
                FindingFlows.store(h, Records.findingId(f), w.findingPackets().get(Records.findingId(f)), now);
                if (a != null) {
                    raised.add(a);
                }
            }
            for (Map.Entry<Window.Edge, Window.EdgeCount> e : w.edges().entrySet()) {
                upsertEdge(h, e.getKey(), e.getValue(), now);
            }
            int changes = 0;
            // assessing the whole estate costs more than a window: do it at most every reassessMillis
            if (now - lastReassess >= Math.max(reassessMillis, reassessGap)) {
                changes = timedReassess(h, now, moved);
                lastReassess = now;
                dirty = false;
            } else {
                dirty = true;
            }
            h.createUpdate("INSERT INTO checkpoints (source, position, packets, flows, windows, updated) "
                    + "VALUES (:s, :p, :n, :f, 1, :t) ON CONFLICT (source) DO UPDATE SET position = :p, "
                    + "packets = checkpoints.packets + :n, flows = checkpoints.flows + :f, windows = checkpoints.windows + 1, "
                    + "updated = :t").bind("s", source).bind("p", position == null ? "" : position).bind("n", w.packets())
                    .bind("f", w.flows()).bind("t", now).execute();
            return new Commit(devices, w.result().findings().size(), raised, changes);
        });
        for (AlertRow a : c.newAlerts()) {
            alerts.alert(a);
        }
        moved.forEach(alerts::tierChange);
        return c;
    }

    /**
     * Assesses and measures it: on a large estate the assessment (every device and finding) takes
     * longer, and it then runs less often, so that it never takes more than a tenth of the time.
     */
    private int timedReassess(Handle h, long now, List<TrustScorer.TierChange> moved) {
        long t0 = System.nanoTime();
        int n = reassess(h, now, moved);
        reassessGap = 10 * (System.nanoTime() - t0) / 1_000_000L;
        return n;
    }

    /** Metrics snapshots are kept one per this much evidence time. */
    static final long SNAPSHOT_MILLIS = 5 * 60_000L;
    /** A trust history point is written when the tier changes, the score moves this much, or ... */
    static final double HISTORY_MIN_MOVE = 1.0;
    /** ... this much evidence time passed since the device's last point. */
    static final long HISTORY_MAX_GAP_NANOS = 3_600_000_000_000L;

    /** Per device: the last history point's score, tier and evidence time (loaded from the store once). */
    private Map<String, Object[]> lastPoint;

    /**
     * True (and remembered) when a trust history point is due: the first for a device, a tier change,
     * a move of at least {@link #HISTORY_MIN_MOVE}, or an hour of evidence since the last one. Decay
     * moves scores a little at every assessment; recording each would grow the history by a row per
     * device every few seconds.
     */
    private boolean historyPoint(Handle h, String id, double score, String tier, long evidence) {
        if (lastPoint == null) {
            lastPoint = new HashMap<>();
            h.createQuery("SELECT t.device_id, t.score, t.tier, t.ts FROM trust_history t JOIN (SELECT device_id, MAX(ts) AS ts "
                    + "FROM trust_history GROUP BY device_id) m ON m.device_id = t.device_id AND m.ts = t.ts").mapToMap()
                    .forEach(r -> lastPoint.put((String) r.get("device_id"), new Object[] {((Number) r.get("score")).doubleValue(),
                            r.get("tier"), EventJson.nanos((String) r.get("ts"))}));
        }
        Object[] last = lastPoint.get(id);
        boolean due = last == null || !tier.equals(last[1]) || Math.abs(score - (Double) last[0]) >= HISTORY_MIN_MOVE
                || evidence - (Long) last[2] >= HISTORY_MAX_GAP_NANOS;
        if (due) {
            lastPoint.put(id, new Object[] {score, tier, evidence});
        }
        return due;
    }

    /** Recomputes trust, risk and metrics if a commit since the last time skipped it; returns tier changes. */
    public int reassessIfDirty() {
        return reassess(true);
    }

    /** As {@link #reassessIfDirty}, but only once the gap since the last assessment has passed (the timer's call). */
    public int reassessIfDue() {
        return reassess(false);
    }

    private int reassess(boolean force) {
        List<TrustScorer.TierChange> moved = new ArrayList<>();
        int changes = store.write(h -> {
            long now = clock.getAsLong();
            if (!dirty || !force && now - lastReassess < Math.max(reassessMillis, reassessGap)) {
                return 0;
            }
            int n = timedReassess(h, now, moved);
            lastReassess = now;
            dirty = false;
            return n;
        });
        moved.forEach(alerts::tierChange);
        return changes;
    }

    /** Records where a source is without a window (a file finished, a checkpoint moved). */
    public void position(String source, String position) {
        store.writeVoid(h -> h.createUpdate("INSERT INTO checkpoints (source, position, packets, flows, windows, updated) "
                + "VALUES (:s, :p, 0, 0, 0, :t) ON CONFLICT (source) DO UPDATE SET position = :p, updated = :t")
                .bind("s", source).bind("p", position).bind("t", clock.getAsLong()).execute());
    }

    /** A source's stored position, or null. */
    public String position(String source) {
        return store.read(h -> h.createQuery("SELECT position FROM checkpoints WHERE source = :s").bind("s", source)
                .mapTo(String.class).findOne().orElse(null));
    }

    private static void upsertDevice(Handle h, Device d, long now) {
        String old = h.createQuery("SELECT data FROM devices WHERE id = :id").bind("id", d.id()).mapTo(String.class)
                .findOne().orElse(null);
        Device before = old == null ? null : Records.device(old);
        Device merged = DeviceMerger.merge(before, d);
        String ip = merged.mainAddress();
        java.util.Set<String> known = new java.util.HashSet<>();
        if (before != null) {
            before.ips().forEach(a -> known.add(a.ip()));
        }
        for (Device.Address a : d.ips()) {
            if (known.contains(a.ip())) {
                continue;
            }
            // an address goes to the device that took it up last
            h.createUpdate("INSERT INTO device_ips (ip, device_id) VALUES (:ip, :d) ON CONFLICT (ip) DO UPDATE SET device_id = :d")
                    .bind("ip", a.ip()).bind("d", merged.id()).execute();
        }
        if (old == null) {
            h.createUpdate("INSERT INTO devices (id, first_seen, last_seen, type, vendor, ip, data, updated) "
                    + "VALUES (:id, :f, :l, :type, :v, :ip, :d, :t)").bind("id", merged.id()).bind("f", merged.firstSeen())
                    .bind("l", merged.lastSeen()).bind("type", merged.type()).bind("v", merged.vendor()).bind("ip", ip)
                    .bind("d", Json.write(merged)).bind("t", now).execute();
        } else {
            h.createUpdate("UPDATE devices SET first_seen = :f, last_seen = :l, type = :type, vendor = :v, ip = :ip, "
                    + "data = :d, updated = :t WHERE id = :id").bind("id", merged.id()).bind("f", merged.firstSeen())
                    .bind("l", merged.lastSeen()).bind("type", merged.type()).bind("v", merged.vendor()).bind("ip", ip)
                    .bind("d", Json.write(merged)).bind("t", now).execute();
        }
    }

    /**
     * A finding that supersedes another about the same device and peer (see
     * {@link Analyzer#SUPERSEDES}) may arrive in a later window than the one it replaces: then the
     * replaced row goes, and its alert too while no one has touched it.
     */
    private static void retractSuperseded(Handle h, Finding f) {
        String replaced = Analyzer.SUPERSEDES.get(f.type());
        if (replaced == null || f.peer() == null || f.peer().ip() == null) {
            return;
        }
        String id = Records.findingId(replaced, f.device().id(), f.peer().ip(), null);
        if (h.createUpdate("DELETE FROM findings WHERE id = :id").bind("id", id).execute() > 0) {
            h.createUpdate("DELETE FROM alerts WHERE id = :id AND status = 'open' AND assignee IS NULL AND NOT EXISTS "
                    + "(SELECT 1 FROM alert_comments c WHERE c.alert_id = alerts.id)").bind("id", id).execute();
        }
    }

    /** Folds a finding into its row; returns the alert it raised or reopened, else null. */
    private AlertRow upsertFinding(Handle h, Finding f, long now) {
        String id = Records.findingId(f);
        String category = catalog.has(f.type()) ? catalog.get(f.type()).category() : "other";
        String oldData = h.createQuery("SELECT data FROM findings WHERE id = :id").bind("id", id).mapTo(String.class)
                .findOne().orElse(null);
        Finding merged = f;
        if (oldData != null) {
            Finding o = Records.finding(oldData, vault);
            Map<String, Object> ev = new LinkedHashMap<>(f.evidence());
            // the first detection time stays the first: it is what mean time to detect measures
            if (o.evidence().get("detected_at") != null) {
                ev.put("detected_at", o.evidence().get("detected_at"));
            }
            merged = new Finding(f.type(), f.severity().compareTo(o.severity()) >= 0 ? f.severity() : o.severity(), f.title(),
                    f.device(), f.peer(), Times.min(o.firstSeen(), f.firstSeen()), Times.max(o.lastSeen(), f.lastSeen()),
                    o.count() + f.count(), ev, f.standards(), f.remediation());
            h.createUpdate("UPDATE findings SET severity = :sev, first_seen = :f, last_seen = :l, count = :c, data = :d, "
                    + "updated = :t WHERE id = :id").bind("id", id).bind("sev", merged.severity().label())
                    .bind("f", merged.firstSeen()).bind("l", merged.lastSeen()).bind("c", merged.count())
                    .bind("d", Records.findingData(merged, vault)).bind("t", now).execute();
        } else {
            h.createUpdate("INSERT INTO findings (id, device_id, type, category, severity, first_seen, last_seen, count, data, "
                    + "updated) VALUES (:id, :dev, :type, :cat, :sev, :f, :l, :c, :d, :t)").bind("id", id)
                    .bind("dev", f.device().id()).bind("type", f.type()).bind("cat", category).bind("sev", f.severity().label())
                    .bind("f", f.firstSeen()).bind("l", f.lastSeen()).bind("c", f.count())
                    .bind("d", Records.findingData(f, vault)).bind("t", now).execute();
        }
        if (!"detection".equals(category)) {
            return null;
        }
        AlertRow a = h.createQuery("SELECT * FROM alerts WHERE id = :id").bind("id", id).map((rs, ctx) -> AlertRow.of(rs))
                .findOne().orElse(null);
        if (a == null) {
            Object at = merged.evidence().get("detected_at");
            String detected = at instanceof String s ? s : merged.lastSeen();
            h.createUpdate("INSERT INTO alerts (id, finding_id, device_id, type, severity, title, status, first_evidence, "
                    + "detected_at, created, updated) VALUES (:id, :id, :dev, :type, :sev, :title, 'open', :f, :d, :t, :t)")
                    .bind("id", id).bind("dev", f.device().id()).bind("type", f.type()).bind("sev", merged.severity().label())
                    .bind("title", f.title()).bind("f", merged.firstSeen()).bind("d", detected).bind("t", now).execute();
            return h.createQuery("SELECT * FROM alerts WHERE id = :id").bind("id", id).map((rs, ctx) -> AlertRow.of(rs)).one();
        }
        if (a.status().equals("resolved")) {
            // new evidence after the alert was closed: it is back
            h.createUpdate("UPDATE alerts SET status = 'open', resolved = NULL, acknowledged = NULL, severity = :sev, "
                    + "updated = :t WHERE id = :id").bind("id", id).bind("sev", merged.severity().label()).bind("t", now)
                    .execute();
            h.createUpdate("INSERT INTO alert_comments (id, alert_id, author, text, created) VALUES (:c, :a, 'vigil', :x, :t)")
                    .bind("c", java.util.UUID.randomUUID().toString()).bind("a", id)
                    .bind("x", "reopened: new evidence until " + f.lastSeen()).bind("t", now).execute();
            return h.createQuery("SELECT * FROM alerts WHERE id = :id").bind("id", id).map((rs, ctx) -> AlertRow.of(rs)).one();
        }
        h.createUpdate("UPDATE alerts SET severity = :sev, updated = :t WHERE id = :id").bind("id", id)
                .bind("sev", merged.severity().label()).bind("t", now).execute();
        return null;
    }

    private static void upsertEdge(Handle h, Window.Edge e, Window.EdgeCount c, long now) {
        h.createUpdate("INSERT INTO edges (src, dst, service, flows, bytes, last_seen, updated) VALUES (:s, :d, :v, :f, :b, :l, :t) "
                + "ON CONFLICT (src, dst, service) DO UPDATE SET flows = edges.flows + :f, bytes = edges.bytes + :b, "
                + "last_seen = CASE WHEN edges.last_seen > :l THEN edges.last_seen ELSE :l END, updated = :t")
                .bind("s", e.src()).bind("d", e.dst()).bind("v", e.service()).bind("f", c.flows).bind("b", c.bytes)
                .bind("l", c.last / 1_000_000L).bind("t", now).execute();
        if (!c.names.isEmpty()) {
            String old = h.createQuery("SELECT names FROM edges WHERE src = :s AND dst = :d AND service = :v").bind("s", e.src())
                    .bind("d", e.dst()).bind("v", e.service()).mapTo(String.class).findOne().orElse(null);
            java.util.Set<String> all = new java.util.LinkedHashSet<>(Records.tags(old));
            all.addAll(c.names);
            h.createUpdate("UPDATE edges SET names = :n WHERE src = :s AND dst = :d AND service = :v")
                    .bind("n", String.join(",", all.stream().limit(PeerNames.MAX_NAMES).toList())).bind("s", e.src())
                    .bind("d", e.dst()).bind("v", e.service()).execute();
        }
    }

    /**
     * Trust, risk, plan and metrics over everything stored, judged at the latest evidence (called
     * inside the store's write lock, which also guards {@code dirty} and {@code lastReassess}); a device
     * whose tier moved gets a tier event; trust history gains a point when the score or tier moved.
     */
    int reassess(Handle h, long now, List<TrustScorer.TierChange> changed) {
        List<Device> devices = Records.devices(h);
        List<Finding> findings = Records.findings(h, vault);
        long evidence = 0;
        for (Device d : devices) {
            if (d.lastSeen() != null) {
                evidence = Math.max(evidence, EventJson.nanos(d.lastSeen()));
            }
        }
        Assessor.Assessment a = new Assessor(trust, catalog, Records.assets(h, vault)).assess(devices, findings, evidence);
        Map<String, String[]> stored = new HashMap<>();
        h.createQuery("SELECT id, tier, trust FROM devices").mapToMap().forEach(r -> stored.put((String) r.get("id"),
                new String[] {(String) r.get("tier"), r.get("trust") == null ? null : String.valueOf(r.get("trust"))}));
        TrustScorer scorer = new TrustScorer(trust, catalog);
        String at = EventJson.time(evidence);
        int changes = 0;
        for (Map.Entry<String, Assessor.DeviceAssessment> e : a.devices().entrySet()) {
            String id = e.getKey();
            Assessor.DeviceAssessment da = e.getValue();
            String[] old = stored.get(id);
            String tier = da.trust().tier();
            if (old != null && old[0] != null) {
                // hysteresis against the tier the store already gave
                tier = scorer.next(TrustScorer.Tier.valueOf(old[0].toUpperCase(java.util.Locale.ROOT)), da.trust().score())
                        .label();
            }
            h.createUpdate("UPDATE devices SET trust = :s, tier = :tier, risk = :r, risk_level = :lvl, assessment = :a "
                    + "WHERE id = :id").bind("id", id).bind("s", da.trust().score()).bind("tier", tier)
                    .bind("r", da.risk().score()).bind("lvl", da.risk().level()).bind("a", Json.write(da)).execute();
            if (historyPoint(h, id, da.trust().score(), tier, evidence)) {
                h.createUpdate("INSERT INTO trust_history (device_id, ts, score, tier, factors, updated) "
                        + "VALUES (:d, :ts, :s, :tier, :f, :t) ON CONFLICT (device_id, ts) DO UPDATE SET score = :s, "
                        + "tier = :tier, factors = :f, updated = :t").bind("d", id).bind("ts", at)
                        .bind("s", da.trust().score()).bind("tier", tier).bind("f", Json.write(da.trust().factors()))
                        .bind("t", now).execute();
            }
            if (old != null && old[0] != null && !tier.equals(old[0])) {
                List<String> causes = da.trust().factors().stream().flatMap(f -> f.findings().stream())
                        .filter(c -> c.lost() > 0).sorted((x, y) -> Double.compare(y.lost(), x.lost()))
                        .map(TrustScorer.Contribution::type).distinct().limit(5).toList();
                TrustScorer.TierChange tc = new TrustScorer.TierChange(id, at, old[0], tier, da.trust().score(), causes);
                h.createUpdate("INSERT INTO tier_events (id, device_id, ts, data, updated) VALUES (:id, :d, :ts, :x, :t)")
                        .bind("id", java.util.UUID.randomUUID().toString()).bind("d", id).bind("ts", at)
                        .bind("x", Json.write(tc)).bind("t", now).execute();
                changed.add(tc);
                changes++;
            }
            if ((old == null || old[0] == null) && da.trust().changes() != null) {
                // a device assessed for the first time: the changes its own history shows (trusted at first
                // sight, quarantined once the bot binary came) are events like any other
                for (TrustScorer.TierChange tc : da.trust().changes()) {
                    h.createUpdate("INSERT INTO tier_events (id, device_id, ts, data, updated) VALUES (:id, :d, :ts, :x, :t)")
                            .bind("id", java.util.UUID.randomUUID().toString()).bind("d", id).bind("ts", tc.time())
                            .bind("x", Json.write(tc)).bind("t", now).execute();
                    changed.add(tc);
                    changes++;
                }
            }
        }
        Map<String, Object> snap = new LinkedHashMap<>();
        snap.put("at", at);
        snap.put("devices", devices.size());
        snap.put("findings", findings.size());
        snap.put("tiers", a.tiers());
        snap.put("risk_levels", a.riskLevels());
        snap.put("open_alerts", h.createQuery("SELECT COUNT(*) FROM alerts WHERE status <> 'resolved'").mapTo(Long.class).one());
        snap.put("metrics", a.metrics());
        snap.put("plan", a.plan().stream().limit(20).toList());
        snap.put("risk_matrix", a.riskMatrix());
        // one snapshot per SNAPSHOT_MILLIS of evidence time: the latest assessment within it wins
        long ts = evidence / 1_000_000L / SNAPSHOT_MILLIS * SNAPSHOT_MILLIS;
        h.createUpdate("INSERT INTO metrics_snapshots (ts, data, updated) VALUES (:ts, :d, :t) "
                + "ON CONFLICT (ts) DO UPDATE SET data = :d, updated = :t").bind("ts", ts).bind("d", Json.write(snap))
                .bind("t", now).execute();
        return changes;
    }


}
