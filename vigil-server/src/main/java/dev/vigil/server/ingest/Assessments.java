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
import dev.vigil.server.json.Json;
import dev.vigil.store.devices.DeviceAssessmentRow;
import dev.vigil.store.devices.DeviceRow;
import dev.vigil.store.findings.FindingIds;
import dev.vigil.store.posture.SnapshotDocument;
import dev.vigil.store.posture.TrustPoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Trust, risk and plan as the store holds them: the whole estate after ingestion, or one device at
 * once when people change what they know of it (criticality, tags). A detection whose alert is open
 * keeps its device from the trusted tier; each device is judged as of its own last evidence.
 */
final class Assessments {

    /** Metrics snapshots are kept one per this much evidence time. */
    static final long SNAPSHOT_MILLIS = 5 * 60_000L;

    private final IngestStores stores;
    private final FindingCatalog catalog;
    private final TrustConfig trust;
    /** Per device: the last history point (loaded from the store once). */
    private Map<String, TrustHistory.Point> lastPoint;

    Assessments(IngestStores stores, FindingCatalog catalog, TrustConfig trust) {
        this.stores = stores;
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

    /** Which findings are unresolved: those whose alert is open or acknowledged (a finding without one is no open detection). */
    private Predicate<Finding> unresolved(String deviceId) {
        Set<String> open = stores.alerts().unresolvedFindings(deviceId);
        return f -> open.contains(FindingIds.of(f));
    }

    /**
     * The whole estate is assessed once per this much evidence time (and when an input ends): the
     * decay of devices no window touched, the plan across devices, the metrics snapshot.
     */
    static final long ESTATE_MILLIS = 60 * 60_000L;

    /** The slot of evidence time (epoch nanoseconds) the whole estate is assessed once in. */
    static long slot(long evidenceNanos) {
        return evidenceNanos / 1_000_000L / ESTATE_MILLIS;
    }

    /**
     * Trust, risk, plan and metrics over everything stored (called inside the store's write lock); a
     * device whose tier moved gets a tier event; trust history gains a point when the score or tier
     * moved. Returns the estate's evidence time (epoch nanoseconds) it was assessed at.
     */
    long all(long now, List<TrustScorer.TierChange> changed) {
        List<Device> devices = stores.devices().inventories();
        List<Finding> findings = stores.findings().all();
        long evidence = evidence(devices);
        Assessor.Assessment a = new Assessor(trust, catalog, stores.devices().assets()).assess(devices, findings, evidence,
                unresolved(null));
        Map<String, String> stored = stores.devices().tiers();
        for (Map.Entry<String, Assessor.DeviceAssessment> e : a.devices().entrySet()) {
            store(e.getKey(), e.getValue(), stored.get(e.getKey()), EventJson.time(evidence), evidence, now, changed);
        }
        // one snapshot per SNAPSHOT_MILLIS of evidence time: the latest assessment within it wins
        long ts = evidence / 1_000_000L / SNAPSHOT_MILLIS * SNAPSHOT_MILLIS;
        stores.posture().snapshot(ts, new SnapshotDocument(SnapshotDocument.VERSION, EventJson.time(evidence), devices.size(),
                findings.size(), Json.tree(a.tiers()), Json.tree(a.riskLevels()), stores.alerts().active(), Json.tree(a.metrics()),
                Json.tree(a.plan().stream().limit(20).toList()), Json.tree(a.riskMatrix())), now);
        return evidence;
    }

    /**
     * The devices a window touched, at once (inside the window's transaction), each as of its own
     * evidence; the estate's snapshot follows with the next whole assessment. Returns the number of
     * tier changes.
     */
    int devices(java.util.Collection<String> ids, long now, List<TrustScorer.TierChange> changed) {
        if (ids.isEmpty()) {
            return 0;
        }
        Set<String> computers = Assessor.computerNets(stores.devices().addressesOfType("computer"));
        Assessor assessor = new Assessor(trust, catalog, stores.devices().assets());
        int changes = 0;
        for (String id : ids) {
            changes += device(id, now, changed, assessor, computers);
        }
        return changes;
    }

    /**
     * One device, at once: its trust, risk and plan from its findings, its open alerts and what people
     * said about it. The estate's snapshot (risk matrix, plan across devices) follows with the next
     * whole assessment. Returns the number of tier changes.
     */
    int device(String id, long now, List<TrustScorer.TierChange> changed) {
        return device(id, now, changed, new Assessor(trust, catalog, stores.devices().assets()),
                Assessor.computerNets(stores.devices().addressesOfType("computer")));
    }

    private int device(String id, long now, List<TrustScorer.TierChange> changed, Assessor assessor, Set<String> computers) {
        DeviceRow row = stores.devices().find(id).orElse(null);
        if (row == null) {
            return 0;
        }
        Device d = row.device();
        String tier = row.tier();
        List<Finding> findings = stores.findings().ofDevice(id);
        long evidence = d.lastSeen() == null ? 0 : EventJson.nanos(d.lastSeen());
        Assessor.DeviceAssessment da = assessor.device(d, findings, evidence, unresolved(id), computers);
        return store(id, da, tier, EventJson.time(evidence), evidence, now, changed);
    }

    /** Writes one device's assessment: hysteresis against its stored tier, history, tier events. */
    private int store(String id, Assessor.DeviceAssessment da, String oldTier, String at, long evidence, long now,
            List<TrustScorer.TierChange> changed) {
        String tier = trust.tiers().afterStored(oldTier, da.trust().tier(), da.trust().score(),
                !da.trust().openDetections().isEmpty());
        stores.devices().assess(id, new DeviceAssessmentRow(da.trust().score(), tier, da.risk().score(), da.risk().level(),
                Json.write(withoutOwner(da))), now);
        if (historyPoint(id, da.trust().score(), tier, evidence)) {
            stores.posture().point(id, at, da.trust().score(), tier, da.trust().factors(), now);
        }
        int changes = 0;
        if (oldTier != null && !tier.equals(oldTier)) {
            List<String> causes = da.trust().factors().stream().flatMap(f -> f.findings().stream())
                    .filter(c -> c.lost() > 0).sorted((x, y) -> Double.compare(y.lost(), x.lost()))
                    .map(TrustScorer.Contribution::type).distinct().limit(5).toList();
            if (causes.isEmpty()) {
                causes = da.trust().openDetections();
            }
            changes += tierEvent(new TrustScorer.TierChange(id, at, oldTier, tier, da.trust().score(), causes), now, changed);
        }
        if (oldTier == null && da.trust().changes() != null) {
            // a device assessed for the first time: the changes its own history shows (trusted at first
            // sight, quarantined once the bot binary came) are events like any other
            for (TrustScorer.TierChange tc : da.trust().changes()) {
                changes += tierEvent(tc, now, changed);
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

    private int tierEvent(TrustScorer.TierChange tc, long now, List<TrustScorer.TierChange> changed) {
        stores.posture().tierEvent(tc, now);
        changed.add(tc);
        return 1;
    }

    /** True (and remembered) when a trust history point is due ({@link TrustHistory}). */
    private boolean historyPoint(String id, double score, String tier, long evidence) {
        if (lastPoint == null) {
            lastPoint = new HashMap<>();
            for (TrustPoint p : stores.posture().lastPoints().values()) {
                lastPoint.put(p.deviceId(), new TrustHistory.Point(p.score(), p.tier(), EventJson.nanos(p.ts())));
            }
        }
        boolean due = TrustHistory.due(lastPoint.get(id), score, tier, evidence);
        if (due) {
            lastPoint.put(id, new TrustHistory.Point(score, tier, evidence));
        }
        return due;
    }
}
