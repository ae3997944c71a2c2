package dev.vigil.server.ingest;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingMerge;
import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.policy.AlertPolicy;
import dev.vigil.detect.policy.Supersession;
import dev.vigil.detect.trust.TrustConfig;
import dev.vigil.detect.trust.TrustScorer;
import dev.vigil.server.crypto.Vault;
import dev.vigil.server.store.AlertRow;
import dev.vigil.server.store.Json;
import dev.vigil.server.store.Records;
import dev.vigil.server.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;

/**
 * Commits a closed window: devices merged into what the store knows, findings folded into their
 * stable rows, alerts raised (or reopened) for the findings the alert policy names, the
 * conversations, then trust, risk and the programme metrics recomputed over the whole store, and the
 * source's position and counters, all in one transaction. New and reopened alerts go to the outputs
 * once the transaction has committed.
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

    private final Store store;
    private final Vault vault;
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

    public Persister(Store store, Vault vault, FindingCatalog catalog, TrustConfig trust, AlertPolicy alertPolicy,
            LongSupplier clock, Sink alerts) {
        this(store, vault, catalog, trust, alertPolicy, clock, alerts, 2000);
    }

    public Persister(Store store, Vault vault, FindingCatalog catalog, TrustConfig trust, AlertPolicy alertPolicy,
            LongSupplier clock, Sink alerts, long reassessMillis) {
        this.reassessMillis = reassessMillis;
        this.store = store;
        this.vault = vault;
        this.catalog = catalog;
        this.alertPolicy = alertPolicy;
        this.assessments = new Assessments(vault, catalog, trust);
        this.clock = clock;
        this.alerts = alerts;
    }

    /** Commits a window and the source's position after it. */
    public Commit commit(Window.Closed w, Checkpoint cp) {
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
            SourceCounters.add(h, cp, w, now);
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
    public void position(Checkpoint cp) {
        store.writeVoid(h -> SourceCounters.position(h, cp, clock.getAsLong()));
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
     * A finding that supersedes another about the same device and peer, or any of the device's (see
     * {@link Supersession}), may arrive in a later window than the one it replaces: then the
     * replaced row goes, and its alert too while no one has touched it.
     */
    private static void retractSuperseded(Handle h, Finding f) {
        for (String replaced : Supersession.bundled().replacesOnDevice(f.type())) {
            retract(h, Records.findingId(replaced, f.device().id()));
        }
        if (f.peer() == null || f.peer().ip() == null) {
            return;
        }
        for (String replaced : Supersession.bundled().replaces(f.type())) {
            retract(h, Records.findingId(replaced, f.device().id(), f.peer().ip(), null));
        }
    }

    private static void retract(Handle h, String id) {
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
            merged = FindingMerge.merge(Records.finding(oldData, vault), f);
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
        if (!alertPolicy.alerts(merged)) {
            return null;
        }
        AlertRow a = h.createQuery("SELECT * FROM alerts WHERE id = :id").bind("id", id).map((rs, ctx) -> AlertRow.of(rs))
                .findOne().orElse(null);
        AlertPolicy.AlertAction action = AlertPolicy.onEvidence(a == null ? null : a.status());
        if (action == AlertPolicy.AlertAction.RAISE) {
            String detected = AlertPolicy.detectedAt(merged);
            h.createUpdate("INSERT INTO alerts (id, finding_id, device_id, type, severity, title, status, first_evidence, "
                    + "detected_at, created, updated) VALUES (:id, :id, :dev, :type, :sev, :title, 'open', :f, :d, :t, :t)")
                    .bind("id", id).bind("dev", f.device().id()).bind("type", f.type()).bind("sev", merged.severity().label())
                    .bind("title", f.title()).bind("f", merged.firstSeen()).bind("d", detected).bind("t", now).execute();
            return h.createQuery("SELECT * FROM alerts WHERE id = :id").bind("id", id).map((rs, ctx) -> AlertRow.of(rs)).one();
        }
        if (action == AlertPolicy.AlertAction.REOPEN) {
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

    int reassess(Handle h, long now, List<TrustScorer.TierChange> changed) {
        return assessments.all(h, now, changed);
    }

    /**
     * Re-assesses one device at once (people changed its criticality or tags): its trust, risk and
     * plan now, the estate's snapshot at the next assessment. Tier changes go to the outputs.
     */
    public void reassessDevice(String id) {
        List<TrustScorer.TierChange> moved = new ArrayList<>();
        store.writeVoid(h -> {
            assessments.device(h, id, clock.getAsLong(), moved);
            dirty = true;
        });
        moved.forEach(alerts::tierChange);
    }
}
