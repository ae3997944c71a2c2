package dev.vigil.server.ingest;

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
 * conversations, then trust, risk and the programme metrics recomputed over the whole store, and the
 * source's position and counters, all in one transaction. New and reopened alerts go to the outputs
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
    /** Trust, risk and metrics are recomputed at most this often while ingesting (and when a source ends). */
    private final long reassessMillis;
    private long lastReassess;
    /** The gap before the next assessment: reassessMillis, or ten times the last one's duration if longer. */
    private long reassessGap;
    private boolean dirty;

    public Persister(IngestStores stores, FindingCatalog catalog, TrustConfig trust, AlertPolicy alertPolicy, LongSupplier clock,
            Sink alerts) {
        this(stores, catalog, trust, alertPolicy, clock, alerts, 2000);
    }

    public Persister(IngestStores stores, FindingCatalog catalog, TrustConfig trust, AlertPolicy alertPolicy, LongSupplier clock,
            Sink alerts, long reassessMillis) {
        this.reassessMillis = reassessMillis;
        this.stores = stores;
        this.catalog = catalog;
        this.alertPolicy = alertPolicy;
        this.assessments = new Assessments(stores, catalog, trust);
        this.clock = clock;
        this.alerts = alerts;
    }

    /** Commits a window and the source's position after it. */
    public Commit commit(Window.Closed w, Checkpoint cp) {
        long now = clock.getAsLong();
        List<TrustScorer.TierChange> moved = new ArrayList<>();
        Commit c = stores.tx().inTransaction(() -> {
            int devices = 0;
            for (Device d : w.result().devices()) {
                mergeDevice(d, now);
                devices++;
            }
            List<AlertRow> raised = new ArrayList<>();
            for (Finding f : w.result().findings()) {
                retractSuperseded(f);
                AlertRow a = foldFinding(f, now);
                keepPackets(FindingIds.of(f), w.findingPackets().get(FindingIds.of(f)), now);
                if (a != null) {
                    raised.add(a);
                }
            }
            for (Map.Entry<Window.Edge, Window.EdgeCount> e : w.edges().entrySet()) {
                Window.EdgeCount n = e.getValue();
                stores.conversations().add(e.getKey().src(), e.getKey().dst(), e.getKey().service(), n.flows, n.bytes,
                        n.last / 1_000_000L, n.names, now);
            }
            int changes = 0;
            // assessing the whole estate costs more than a window: do it at most every reassessMillis
            if (now - lastReassess >= Math.max(reassessMillis, reassessGap)) {
                changes = timedReassess(now, moved);
                lastReassess = now;
                dirty = false;
            } else {
                dirty = true;
            }
            stores.sources().addWindow(new WindowCounts(cp.source(), cp.kind(), cp.key(), cp.position(), cp.text(), w.packets(),
                    w.allFlows(), w.bytes(), w.malformed(), w.result().summary().malformed(),
                    w.endNanos() == 0 ? null : EventJson.time(w.endNanos())), now);
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
    private int timedReassess(long now, List<TrustScorer.TierChange> moved) {
        long t0 = System.nanoTime();
        int n = assessments.all(now, moved);
        reassessGap = 10 * (System.nanoTime() - t0) / 1_000_000L;
        return n;
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
        int changes = stores.tx().inTransaction(() -> {
            long now = clock.getAsLong();
            if (!dirty || !force && now - lastReassess < Math.max(reassessMillis, reassessGap)) {
                return 0;
            }
            int n = timedReassess(now, moved);
            lastReassess = now;
            dirty = false;
            return n;
        });
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

    /** Merges what a window saw of a device into what the store knows, and gives it the addresses it took up. */
    private void mergeDevice(Device d, long now) {
        Device before = stores.devices().inventory(d.id());
        Device merged = DeviceMerger.merge(before, d);
        Set<String> known = new HashSet<>();
        if (before != null) {
            before.ips().forEach(a -> known.add(a.ip()));
        }
        List<String> taken = d.ips().stream().map(Device.Address::ip).filter(ip -> !known.contains(ip)).toList();
        stores.devices().claimAddresses(merged.id(), taken);
        stores.devices().put(merged, now);
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

    /** Folds a finding into its row; returns the alert it raised or reopened, else null. */
    private AlertRow foldFinding(Finding f, long now) {
        String id = FindingIds.of(f);
        String category = catalog.has(f.type()) ? catalog.get(f.type()).category() : "other";
        Finding old = stores.findings().finding(id);
        Finding merged = old == null ? f : FindingMerge.merge(old, f);
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
