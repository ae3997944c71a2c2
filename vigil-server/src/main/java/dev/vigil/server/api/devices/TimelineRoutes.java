package dev.vigil.server.api.devices;

import static io.javalin.apibuilder.ApiBuilder.get;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.inventory.DeviceChanges;
import dev.vigil.engine.event.EventJson;
import dev.vigil.server.api.Params;
import dev.vigil.server.auth.Role;
import dev.vigil.store.alerts.AlertComment;
import dev.vigil.store.alerts.AlertRow;
import dev.vigil.store.alerts.AlertStore;
import dev.vigil.store.audit.AuditEntry;
import dev.vigil.store.audit.AuditStore;
import dev.vigil.store.devices.DeviceStore;
import dev.vigil.store.findings.FindingStore;
import dev.vigil.store.posture.PostureStore;
import dev.vigil.store.posture.TierEventDocument;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A device's timeline, {@code GET /api/devices/{id}/timeline}: in one stream, newest first, what
 * the traffic changed in it (first seen, new addresses, name, type, vendor, model, firmware, OS),
 * its findings, its alerts and what people did with them (raised, acknowledged, resolved,
 * commented), its tier changes, and people's edits of it. Traffic, findings and tier changes carry
 * packet time; people's actions the time they acted.
 */
public final class TimelineRoutes implements EndpointGroup {

    /** Entries of each kind read at most (the response is cut to the limit asked for). */
    static final int PER_KIND = 1000;

    /**
     * One entry.
     *
     * @param at ISO-8601 time
     * @param kind change, finding, alert, tier or edit
     * @param what a short line for people
     * @param detail more, or null
     * @param ref the finding or alert id, or the changed attribute; null for others
     */
    public record Entry(String at, String kind, String what, String detail, String ref) {
    }

    /** The timeline, newest first; {@code more} when it was cut at the limit. */
    public record Timeline(String device, List<Entry> items, boolean more) {
    }

    private final DeviceStore devices;
    private final FindingStore findings;
    private final AlertStore alerts;
    private final PostureStore posture;
    private final AuditStore audit;

    public TimelineRoutes(DeviceStore devices, FindingStore findings, AlertStore alerts, PostureStore posture, AuditStore audit) {
        this.devices = devices;
        this.findings = findings;
        this.alerts = alerts;
        this.posture = posture;
        this.audit = audit;
    }

    @Override
    public void addEndpoints() {
        get("devices/{id}/timeline", this::timeline, Role.VIEWER);
    }

    private void timeline(Context ctx) {
        String id = ctx.pathParam("id");
        int limit = Params.intParam(ctx, "limit", 200, 1, PER_KIND);
        ctx.json(of(id, limit));
    }

    /** The device's timeline, newest first, at most {@code limit} entries. */
    public Timeline of(String id, int limit) {
        if (devices.find(id).isEmpty()) {
            throw new NoSuchElementException("no device " + id);
        }
        List<Entry> all = new ArrayList<>();
        for (DeviceChanges.Change c : devices.changes(id, PER_KIND)) {
            all.add(change(c));
        }
        for (Finding f : findings.ofDevice(id)) {
            String peer = f.peer() == null || f.peer().ip() == null ? "" : " (peer " + f.peer().ip()
                    + (f.peer().port() == null ? "" : ":" + f.peer().port()) + ")";
            all.add(new Entry(f.firstSeen(), "finding", f.severity().label() + ": " + f.title() + peer,
                    f.type() + ", " + f.count() + " occurrence" + (f.count() == 1 ? "" : "s") + ", last " + f.lastSeen(), f.type()));
        }
        for (AlertRow a : alerts.ofDevice(id)) {
            all.add(new Entry(wall(a.created()), "alert", "alert raised: " + a.title(), a.severity() + ", " + a.type(), a.id()));
            if (a.acknowledged() != null) {
                all.add(new Entry(wall(a.acknowledged()), "alert", "alert acknowledged: " + a.title(),
                        a.assignee() == null ? null : "assigned to " + a.assignee(), a.id()));
            }
            if (a.resolved() != null) {
                all.add(new Entry(wall(a.resolved()), "alert", "alert resolved: " + a.title(), null, a.id()));
            }
            for (AlertComment c : alerts.comments(a.id())) {
                all.add(new Entry(wall(c.created()), "alert", c.author() + " commented: " + a.title(), c.text(), a.id()));
            }
        }
        for (TierEventDocument t : posture.tierEvents(id)) {
            all.add(new Entry(t.time(), "tier", "trust " + t.from() + " → " + t.to() + " (score " + t.score() + ")",
                    t.causes() == null || t.causes().isEmpty() ? null : "because of " + String.join(", ", t.causes()), t.to()));
        }
        for (AuditEntry e : audit.ofTarget(id, PER_KIND)) {
            all.add(new Entry(wall(e.ts()), "edit", e.actor() + ": " + e.action(), e.detail(), null));
        }
        all.sort(Comparator.comparing((Entry e) -> e.at() == null ? "" : e.at()).reversed()
                .thenComparing(Entry::kind).thenComparing(Entry::what));
        boolean more = all.size() > limit;
        return new Timeline(id, List.copyOf(more ? all.subList(0, limit) : all), more);
    }

    private static Entry change(DeviceChanges.Change c) {
        String what = switch (c.kind()) {
            case "seen" -> "first seen as " + c.value();
            case "address" -> "took up address " + c.value();
            default -> c.kind() + " " + (c.previous() == null ? "is " + c.value() : c.previous() + " → " + c.value());
        };
        return new Entry(c.at(), "change", what, null, c.kind());
    }

    /** A wall-clock time (epoch ms) as the same ISO-8601 text packet times use, so the two sort together. */
    private static String wall(long millis) {
        return EventJson.time(millis * 1_000_000L);
    }
}
