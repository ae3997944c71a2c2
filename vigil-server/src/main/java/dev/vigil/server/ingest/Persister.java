package dev.vigil.server.ingest;

import dev.vigil.detect.analysis.Version;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingMerge;
import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.policy.AlertPolicy;
import dev.vigil.detect.policy.Supersession;
import dev.vigil.detect.trust.TrustConfig;
import dev.vigil.detect.trust.TrustScorer;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.flow.PacketRing;
import dev.vigil.store.alerts.AlertRow;
import dev.vigil.store.findings.FindingIds;
import dev.vigil.store.sources.WindowCounts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Commits a closed window: devices merged into what the store knows, findings folded into their
 * stable rows, alerts raised (or reopened) for the findings the alert policy names, the
 * conversations, trust and risk of the devices it touched (of the whole estate when packet time
 * enters a new slot), the source's position and counters and its detection state, all in one
 * transaction. New and reopened alerts go to the outputs
 * once the transaction has committed.
 */
public final class Persister implements Reassessment {

    /** Where raised alerts and tier changes go once their transaction has committed. */
    public interface Sink {

        void alert(AlertRow a);

        void tierChange(TrustScorer.TierChange c);
    }

    /** What a commit did. */
    public record Commit(int devices, int findings, List<AlertRow> newAlerts, int tierChanges) {
    }

    /**
     * Where a source is.
     *
     * @param source the source's name (a row of the ingestion page, kept across restarts)
     * @param kind file, directory, live, stdin, netflow or zeek
     * @param key the checkpoint key of the part being read (a file of a directory, else the name)
     * @param position where the source resumes (null: it cannot resume)
     * @param text the position for people: the file, the packet or row read up to, the last packet's time
     */
    public record Checkpoint(String source, String kind, String key, String position, String text) {
    }

    private final IngestStores stores;
    private final FindingCatalog catalog;
    private final AlertPolicy alertPolicy;
    private final Assessments assessments;
    private final LongSupplier clock;
    private final Sink alerts;
    /** The slot of evidence time of the last whole assessment (MIN_VALUE: not read from the store yet). */
    private long estateSlot = Long.MIN_VALUE;
    private final InventorySnapshots snapshots;
    /** True when windows were committed since the last whole assessment. */
    private boolean dirty;
    private final PolicyWatch watch;

    /** What the segmentation service takes from each window. */
    public PolicyWatch watch() {
        return watch;
    }

    public Persister(IngestStores stores, FindingCatalog catalog, TrustConfig trust, AlertPolicy alertPolicy, LongSupplier clock,
            Sink alerts, PolicyWatch watch) {
        this.watch = watch;
        this.stores = stores;
        this.catalog = catalog;
        this.alertPolicy = alertPolicy;
        this.assessments = new Assessments(stores, catalog, trust);
        this.snapshots = new InventorySnapshots(stores);
        this.clock = clock;
        this.alerts = alerts;
    }

    /**
     * Commits a window, the source's position after it and, when given, what its detection had
     * learnt by then ({@code state}; null keeps the one stored, which a restart replays from), in one
     * transaction. The devices the window changed (new, a new address, name, type, vendor, model,
     * firmware or OS), given a new or more severe finding, or an alert raised or reopened, are assessed
     * again at once; the whole estate (the decay
     * of the others as their evidence ages, the snapshot, the plan across devices) each time the evidence enters a new
     * {@link Assessments#ESTATE_MILLIS} slot of packet time, and when a file ends ({@code ended}).
     * Assessment thus follows the input, never the wall clock: the same input gives the same tier
     * changes however fast it is read, and however often the service was stopped meanwhile.
     */
    public Commit commit(Window.Closed w, Checkpoint cp, dev.vigil.store.sources.SourceStore.DetectionStateRow state, boolean ended) {
        long now = clock.getAsLong();
        List<TrustScorer.TierChange> moved = new ArrayList<>();
        List<Finding> judged = watch.judge(w.result().devices(), w.policyFlows(), w.watched(), w.endNanos());
        Commit c = stores.tx().inTransaction(() -> {
            Set<String> touched = new java.util.TreeSet<>();
            long evidence = 0;
            int devices = 0;
            for (Device d : w.result().devices()) {
                devices++;
                String changed = mergeDevice(d, now);
                if (changed != null) {
                    touched.add(changed);
                }
                if (d.lastSeen() != null) {
                    evidence = Math.max(evidence, EventJson.nanos(d.lastSeen()));
                }
            }
            List<AlertRow> raised = new ArrayList<>();
            List<Finding> found = new ArrayList<>(w.result().findings());
            found.addAll(judged);
            for (Finding f : found) {
                retractSuperseded(f);
                AlertRow a = foldFinding(f, now, touched);
                keepPackets(FindingIds.of(f), w.findingPackets().get(FindingIds.of(f)), now);
                if (a != null) {
                    touched.add(f.device().id());
                    raised.add(a);
                }
            }
            stores.policies().addFlows(w.policyFlows(), now);
            for (Map.Entry<Window.Edge, Window.EdgeCount> e : w.edges().entrySet()) {
                Window.EdgeCount n = e.getValue();
                stores.conversations().add(e.getKey().src(), e.getKey().dst(), e.getKey().service(), n.flows, n.bytes,
                        n.last / 1_000_000L, n.names, now);
            }
            int changes;
            if (ended || Assessments.slot(evidence) > estateSlot()) {
                changes = estate(now, moved);
            } else {
                changes = assessments.devices(touched, now, moved);
                dirty = true;
            }
            stores.sources().addWindow(new WindowCounts(cp.source(), cp.kind(), cp.key(), cp.position(), cp.text(), w.packets(),
                    w.allFlows(), w.bytes(), w.malformed(), w.result().summary().malformed(),
                    w.endNanos() == 0 ? null : EventJson.time(w.endNanos())), now);
            snapshots.afterWindow(w.endNanos(), ended, now);
            if (state != null) {
                stores.sources().detectionState(cp.source(), Version.VALUE, state, now);
            }
            return new Commit(devices, found.size(), raised, changes);
        });
        for (AlertRow a : c.newAlerts()) {
            alerts.alert(a);
        }
        moved.forEach(alerts::tierChange);
        return c;
    }

    /**
     * Commits findings that come between windows (a quarantine's check, a manufacturer's MUD file, a
     * switch that did not move a device): folded like a window's, their devices assessed at once,
     * alerts and tier changes to the sink after the commit.
     */
    public void findings(List<Finding> found) {
        if (found.isEmpty()) {
            return;
        }
        long now = clock.getAsLong();
        List<TrustScorer.TierChange> moved = new ArrayList<>();
        List<AlertRow> raised = stores.tx().inTransaction(() -> {
            Set<String> touched = new java.util.TreeSet<>();
            List<AlertRow> out = new ArrayList<>();
            for (Finding f : found) {
                retractSuperseded(f);
                AlertRow a = foldFinding(f, now, touched);
                if (a != null) {
                    touched.add(f.device().id());
                    out.add(a);
                }
            }
            assessments.devices(touched, now, moved);
            dirty = true;
            return out;
        });
        raised.forEach(alerts::alert);
        moved.forEach(alerts::tierChange);
    }

    /** What a source's detection had learnt at the window it was last written with, or null. */
    public dev.vigil.store.sources.SourceStore.DetectionStateRow detectionState(String source) {
        return stores.sources().detectionState(source);
    }

    /** Writes a source's detection state alone (no window since the one it is of). */
    public void detectionState(String source, dev.vigil.store.sources.SourceStore.DetectionStateRow state) {
        stores.sources().detectionState(source, Version.VALUE, state, clock.getAsLong());
    }

    /** Windows a source has committed (the number of its last one). */
    public long windows(String source) {
        return stores.sources().windows(source);
    }

    /** The number of the last window committed under a checkpoint key, or null. */
    public Long checkpointSeq(String key) {
        return stores.sources().checkpointSeq(key);
    }

    /** The slot of evidence time the estate was last assessed in (from the store's latest snapshot after a start). */
    private long estateSlot() {
        if (estateSlot == Long.MIN_VALUE) {
            estateSlot = stores.posture().latestSnapshot().map(s -> Assessments.slot(EventJson.nanos(s.at())))
                    .orElse(-1L);
        }
        return estateSlot;
    }

    /** Assesses the whole estate (inside a transaction). */
    private int estate(long now, List<TrustScorer.TierChange> moved) {
        long evidence = assessments.all(now, moved);
        estateSlot = Math.max(estateSlot(), Assessments.slot(evidence));
        dirty = false;
        return moved.size();
    }

    /** Assesses the whole estate if a commit since the last time did not (a stream ended); returns tier changes. */
    public int reassessIfDirty() {
        List<TrustScorer.TierChange> moved = new ArrayList<>();
        int changes = stores.tx().inTransaction(() -> dirty ? estate(clock.getAsLong(), moved) : 0);
        moved.forEach(alerts::tierChange);
        return changes;
    }

    /** Records where a source is without a window (a file finished, a checkpoint moved). */
    public void position(Checkpoint cp) {
        stores.sources().position(cp.source(), cp.kind(), cp.key(), cp.position(), cp.text(), clock.getAsLong());
    }

    /** A source's stored position, or null. */
    public String position(String source) {
        return stores.sources().position(source);
    }

    /**
     * Merges what a window saw of a device into what the store knows, gives it the addresses it took
     * up and records what changed; returns its id when something did (it is assessed at once), else null.
     */
    private String mergeDevice(Device d, long now) {
        Device before = stores.devices().inventory(d.id());
        Device merged = DeviceMerger.merge(before, d);
        Set<String> known = new HashSet<>();
        if (before != null) {
            before.ips().forEach(a -> known.add(a.ip()));
        }
        List<String> taken = d.ips().stream().map(Device.Address::ip).filter(ip -> !known.contains(ip)).toList();
        stores.devices().claimAddresses(merged.id(), taken);
        stores.devices().put(merged, now);
        List<dev.vigil.detect.inventory.DeviceChanges.Change> changes = dev.vigil.detect.inventory.DeviceChanges.between(before, merged);
        stores.devices().changed(merged.id(), changes, now);
        return changes.isEmpty() ? null : merged.id();
    }

    /**
     * A finding that supersedes another about the same device and peer, or any of the device's (see
     * {@link Supersession}), may arrive in a later window than the one it replaces: then the
     * replaced row goes, and its alert too while no one has touched it.
     */
    private void retractSuperseded(Finding f) {
        for (String replaced : Supersession.bundled().replacesOnDevice(f.type())) {
            retract(FindingIds.of(replaced, f.device().id()));
        }
        if (f.peer() == null || f.peer().ip() == null) {
            return;
        }
        for (String replaced : Supersession.bundled().replaces(f.type())) {
            retract(FindingIds.of(replaced, f.device().id(), f.peer().ip(), null));
        }
    }

    private void retract(String id) {
        if (stores.findings().delete(id)) {
            stores.alerts().deleteUntouched(id);
        }
    }

    /**
     * Folds a finding into its row (noting its device in {@code changed} when the finding is new or
     * more severe); returns the alert it raised or reopened, else null.
     */
    private AlertRow foldFinding(Finding f, long now, Set<String> changed) {
        String id = FindingIds.of(f);
        String category = catalog.has(f.type()) ? catalog.get(f.type()).category() : "other";
        Finding old = stores.findings().finding(id);
        Finding merged = old == null ? f : FindingMerge.merge(old, f);
        if (old == null || merged.severity() != old.severity()) {
            // a new finding, or one that grew more severe, changes its device's trust now; more of the same waits for the hour
            changed.add(f.device().id());
        }
        stores.findings().put(id, merged, category, now);
        return alertFor(id, merged, f, now);
    }

    /**
     * Policy: a finding the alert policy names raises an alert, or reopens its resolved one with new
     * evidence (a comment says so); otherwise the alert follows the finding's severity. Returns the
     * alert raised or reopened, else null.
     */
    private AlertRow alertFor(String id, Finding merged, Finding f, long now) {
        if (!alertPolicy.alerts(merged)) {
            return null;
        }
        AlertRow a = stores.alerts().find(id).orElse(null);
        AlertPolicy.AlertAction action = AlertPolicy.onEvidence(a == null ? null : a.status());
        if (action == AlertPolicy.AlertAction.RAISE) {
            return stores.alerts().raise(id, f.device().id(), f.type(), merged.severity().label(), f.title(), merged.firstSeen(),
                    AlertPolicy.detectedAt(merged), now);
        }
        if (action == AlertPolicy.AlertAction.REOPEN) {
            AlertRow back = stores.alerts().reopen(id, merged.severity().label(), now);
            stores.alerts().comment(id, "vigil", "reopened: new evidence until " + f.lastSeen(), now);
            return back;
        }
        stores.alerts().severity(id, merged.severity().label(), now);
        return null;
    }

    private void keepPackets(String findingId, PacketRing.Pcap p, long now) {
        if (p != null) {
            stores.packets().keep(findingId, p.packets(), p.flows(), p.bytes(), now);
        }
    }

    /**
     * Re-assesses one device at once (people changed its criticality or tags, or resolved or
     * reopened its alerts): its trust, risk and plan now, the estate's snapshot at the next
     * assessment. Tier changes go to the outputs.
     */
    @Override
    public void device(String id) {
        List<TrustScorer.TierChange> moved = new ArrayList<>();
        stores.tx().inTransaction(() -> {
            assessments.device(id, clock.getAsLong(), moved);
            dirty = true;
        });
        moved.forEach(alerts::tierChange);
    }
}
