package dev.vigil.server.ingest;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.policy.TrustHistory;
import dev.vigil.detect.trust.Assessor;
import dev.vigil.detect.trust.Assets;
import dev.vigil.detect.trust.TrustConfig;
import dev.vigil.detect.trust.TrustScorer;
import dev.vigil.engine.event.EventJson;
import dev.vigil.server.crypto.Vault;
import dev.vigil.server.store.Json;
import dev.vigil.server.store.Records;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Trust, risk and plan as the store holds them: the whole estate after ingestion, or one device at
 * once when people change what they know of it (criticality, tags). A detection whose alert is open
 * keeps its device from the trusted tier; each device is judged as of its own last evidence.
 */
final class Assessments {

    /** Metrics snapshots are kept one per this much evidence time. */
    static final long SNAPSHOT_MILLIS = 5 * 60_000L;

    private final Vault vault;
    private final FindingCatalog catalog;
    private final TrustConfig trust;
    /** Per device: the last history point (loaded from the store once). */
    private Map<String, TrustHistory.Point> lastPoint;

    Assessments(Vault vault, FindingCatalog catalog, TrustConfig trust) {
        this.vault = vault;
        this.catalog = catalog;
        this.trust = trust;
    }

    /** The latest evidence time of the estate: what a device without times of its own is judged at. */
    private static long evidence(List<Device> devices) {
        long evidence = 0;
        for (Device d : devices) {
            if (d.lastSeen() != null) {
                evidence = Math.max(evidence, EventJson.nanos(d.lastSeen()));
            }
        }
        return evidence;
    }

    /**
     * Trust, risk, plan and metrics over everything stored (called inside the store's write lock); a
     * device whose tier moved gets a tier event; trust history gains a point when the score or tier
     * moved. Returns the number of tier changes.
     */
    int all(Handle h, long now, List<TrustScorer.TierChange> changed) {
        List<Device> devices = Records.devices(h);
        List<Finding> findings = Records.findings(h, vault);
        long evidence = evidence(devices);
        Assessor.Assessment a = new Assessor(trust, catalog, Records.assets(h, vault)).assess(devices, findings, evidence,
                Records.unresolved(h, null));
        Map<String, String[]> stored = new HashMap<>();
        h.createQuery("SELECT id, tier FROM devices").mapToMap().forEach(r -> stored.put((String) r.get("id"),
                new String[] {(String) r.get("tier")}));
        int changes = 0;
        for (Map.Entry<String, Assessor.DeviceAssessment> e : a.devices().entrySet()) {
            String[] old = stored.get(e.getKey());
            changes += store(h, e.getKey(), e.getValue(), old == null ? null : old[0], EventJson.time(evidence), evidence, now,
                    changed);
        }
        Map<String, Object> snap = new LinkedHashMap<>();
        snap.put("at", EventJson.time(evidence));
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

    /**
     * One device, at once: its trust, risk and plan from its findings, its open alerts and what people
     * said about it. The estate's snapshot (risk matrix, plan across devices) follows with the next
     * whole assessment. Returns the number of tier changes.
     */
    int device(Handle h, String id, long now, List<TrustScorer.TierChange> changed) {
        Map<String, Object> row = h.createQuery("SELECT data, tier FROM devices WHERE id = :id").bind("id", id).mapToMap()
                .findOne().orElse(null);
        if (row == null) {
            return 0;
        }
        Device d = Records.device((String) row.get("data"));
        List<Finding> findings = h.createQuery("SELECT data FROM findings WHERE device_id = :id ORDER BY id").bind("id", id)
                .mapTo(String.class).map(x -> Records.finding(x, vault)).list();
        Set<String> computers = Assessor.computerNets(h.createQuery("SELECT i.ip FROM device_ips i JOIN devices d "
                + "ON d.id = i.device_id WHERE d.type = 'computer'").mapTo(String.class).list());
        long evidence = d.lastSeen() == null ? 0 : EventJson.nanos(d.lastSeen());
        Assessor.DeviceAssessment da = new Assessor(trust, catalog, Records.assets(h, vault)).device(d, findings, evidence,
                Records.unresolved(h, id), computers);
        return store(h, id, da, (String) row.get("tier"), EventJson.time(evidence), evidence, now, changed);
    }

    /** Writes one device's assessment: hysteresis against its stored tier, history, tier events. */
    private int store(Handle h, String id, Assessor.DeviceAssessment da, String oldTier, String at, long evidence, long now,
            List<TrustScorer.TierChange> changed) {
        String tier = trust.tiers().afterStored(oldTier, da.trust().tier(), da.trust().score(),
                !da.trust().openDetections().isEmpty());
        h.createUpdate("UPDATE devices SET trust = :s, tier = :tier, risk = :r, risk_level = :lvl, assessment = :a "
                + "WHERE id = :id").bind("id", id).bind("s", da.trust().score()).bind("tier", tier)
                .bind("r", da.risk().score()).bind("lvl", da.risk().level()).bind("a", Json.write(withoutOwner(da))).execute();
        if (historyPoint(h, id, da.trust().score(), tier, evidence)) {
            h.createUpdate("INSERT INTO trust_history (device_id, ts, score, tier, factors, updated) "
                    + "VALUES (:d, :ts, :s, :tier, :f, :t) ON CONFLICT (device_id, ts) DO UPDATE SET score = :s, "
                    + "tier = :tier, factors = :f, updated = :t").bind("d", id).bind("ts", at)
                    .bind("s", da.trust().score()).bind("tier", tier).bind("f", Json.write(da.trust().factors()))
                    .bind("t", now).execute();
        }
        int changes = 0;
        if (oldTier != null && !tier.equals(oldTier)) {
            List<String> causes = da.trust().factors().stream().flatMap(f -> f.findings().stream())
                    .filter(c -> c.lost() > 0).sorted((x, y) -> Double.compare(y.lost(), x.lost()))
                    .map(TrustScorer.Contribution::type).distinct().limit(5).toList();
            if (causes.isEmpty()) {
                causes = da.trust().openDetections();
            }
            changes += tierEvent(h, new TrustScorer.TierChange(id, at, oldTier, tier, da.trust().score(), causes), now, changed);
        }
        if (oldTier == null && da.trust().changes() != null) {
            // a device assessed for the first time: the changes its own history shows (trusted at first
            // sight, quarantined once the bot binary came) are events like any other
            for (TrustScorer.TierChange tc : da.trust().changes()) {
                changes += tierEvent(h, tc, now, changed);
            }
        }
        return changes;
    }

    /** The assessment as stored: the owner is encrypted in its own column and never written in clear. */
    private static Assessor.DeviceAssessment withoutOwner(Assessor.DeviceAssessment da) {
        Assets.Asset a = da.asset();
        return a == null || a.owner() == null ? da : new Assessor.DeviceAssessment(da.trust(), da.risk(), da.actions(),
                da.plan(), new Assets.Asset(null, a.location(), a.criticality(), a.tags()));
    }

    private static int tierEvent(Handle h, TrustScorer.TierChange tc, long now, List<TrustScorer.TierChange> changed) {
        h.createUpdate("INSERT INTO tier_events (id, device_id, ts, data, updated) VALUES (:id, :d, :ts, :x, :t)")
                .bind("id", java.util.UUID.randomUUID().toString()).bind("d", tc.device()).bind("ts", tc.time())
                .bind("x", Json.write(tc)).bind("t", now).execute();
        changed.add(tc);
        return 1;
    }

    /** True (and remembered) when a trust history point is due ({@link TrustHistory}). */
    private boolean historyPoint(Handle h, String id, double score, String tier, long evidence) {
        if (lastPoint == null) {
            lastPoint = new HashMap<>();
            h.createQuery("SELECT t.device_id, t.score, t.tier, t.ts FROM trust_history t JOIN (SELECT device_id, MAX(ts) AS ts "
                    + "FROM trust_history GROUP BY device_id) m ON m.device_id = t.device_id AND m.ts = t.ts").mapToMap()
                    .forEach(r -> lastPoint.put((String) r.get("device_id"), new TrustHistory.Point(
                            ((Number) r.get("score")).doubleValue(), (String) r.get("tier"), EventJson.nanos((String) r.get("ts")))));
        }
        boolean due = TrustHistory.due(lastPoint.get(id), score, tier, evidence);
        if (due) {
            lastPoint.put(id, new TrustHistory.Point(score, tier, evidence));
        }
        return due;
    }
}
