package dev.vigil.server.api.alerts;

import static dev.vigil.server.api.Params.body;
import static dev.vigil.server.api.Params.oneOf;
import static dev.vigil.server.api.Params.str;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import dev.vigil.server.alerts.AlertLifecycle;
import dev.vigil.server.api.ApiError;
import dev.vigil.server.api.Caller;
import dev.vigil.server.api.Csv;
import dev.vigil.server.api.Envelope;
import dev.vigil.server.api.Params;
import dev.vigil.server.api.findings.FindingPackets;
import dev.vigil.server.api.findings.FindingParams;
import dev.vigil.server.api.findings.FindingView;
import dev.vigil.server.auth.Role;
import dev.vigil.server.ingest.Reassessment;
import dev.vigil.store.alerts.AlertFilter;
import dev.vigil.store.alerts.AlertRow;
import dev.vigil.store.alerts.AlertStore;
import dev.vigil.store.audit.AuditStore;
import dev.vigil.store.db.Transactions;
import dev.vigil.store.findings.FindingStore;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The alert queue: the list and its filters, one alert, the steps of its lifecycle one alert or
 * many at a time, the queue as CSV, and the packets behind an alert's detection as a pcap.
 */
public final class AlertRoutes implements EndpointGroup {

    /** Alerts one bulk request may change. */
    static final int MAX_BULK = 1000;
    /** Rows one CSV export holds at most. */
    static final int MAX_CSV_ROWS = 100_000;
    static final List<String> BULK_ACTIONS = List.of("ack", "resolve", "assign", "reopen");
    static final List<String> CSV_COLUMNS = List.of("id", "severity", "type", "title", "status", "assignee", "device_id",
            "first_evidence", "detected_at", "created", "acknowledged", "resolved");

    private final AlertStore alerts;
    private final FindingStore findings;
    private final FindingPackets packets;
    private final AuditStore audit;
    private final Transactions tx;
    private final Supplier<List<String>> usernames;
    private final Reassessment reassess;
    private final AlertActions actions;
    private final AlertFacets facets;

    /**
     * @param usernames every user's name (assignees)
     * @param addresses each device's address, by id (the facets name devices by it)
     */
    public AlertRoutes(AlertStore alerts, FindingStore findings, FindingPackets packets, AuditStore audit, Transactions tx,
            Supplier<List<String>> usernames, java.util.function.Function<List<String>, Map<String, String>> addresses,
            Reassessment reassess) {
        this.alerts = alerts;
        this.findings = findings;
        this.packets = packets;
        this.audit = audit;
        this.tx = tx;
        this.usernames = usernames;
        this.reassess = reassess;
        this.actions = new AlertActions(alerts, audit, u -> usernames.get().contains(u));
        this.facets = new AlertFacets(alerts, usernames, addresses);
    }

    @Override
    public void addEndpoints() {
        get("alerts.csv", this::csv, Role.VIEWER);
        path("alerts", () -> {
            get(this::list, Role.VIEWER);
            get("facets", ctx -> ctx.json(facets.get()), Role.VIEWER);
            post("bulk", this::bulk, Role.ANALYST);
            get("{id}", ctx -> ctx.json(detail(ctx.pathParam("id"))), Role.VIEWER);
            get("{id}/packets.pcap", ctx -> packets.serve(ctx, findingOf(ctx.pathParam("id"))), Role.VIEWER);
            for (AlertLifecycle.Action a : AlertLifecycle.Action.values()) {
                post("{id}/" + a.label(), ctx -> step(ctx, a), Role.ANALYST);
            }
        });
    }

    private String findingOf(String alertId) {
        return alerts.findingOf(alertId).orElseThrow(() -> new NoSuchElementException("no alert " + alertId));
    }

    private void list(Context ctx) {
        AlertFilter f = filter(ctx);
        int limit = Params.limit(ctx);
        int offset = Params.offset(ctx);
        ctx.json(Envelope.of(alerts.page(f, limit, offset), AlertView::of, limit, offset));
    }

    /** The queue's filters: status (or active), severity, device, type, assignee. */
    private AlertFilter filter(Context ctx) {
        String st = oneOf(ctx, "status", Set.of("open", "acknowledged", "resolved", "active"));
        String assignee = str(ctx, "assignee");
        if (assignee != null && !usernames.get().contains(assignee)) {
            throw new ApiError(400, "'assignee' must be a user's name; there is no user '" + assignee + "'");
        }
        return new AlertFilter("active".equals(st) ? null : st, "active".equals(st), oneOf(ctx, "severity", FindingParams.SEVERITIES),
                str(ctx, "device"), FindingParams.type(ctx), assignee);
    }

    AlertDetail detail(String id) {
        AlertRow a = alerts.find(id).orElseThrow(() -> new NoSuchElementException("no alert " + id));
        return new AlertDetail(AlertView.of(a), findings.find(a.findingId()).map(FindingView::of).orElse(null),
                alerts.comments(id).stream().map(c -> new AlertDetail.Comment(c.author(), c.text(), c.created())).toList(),
                packets.info(a.findingId()));
    }

    private void step(Context ctx, AlertLifecycle.Action action) {
        String id = ctx.pathParam("id");
        AlertActions.Request r = actions.request(action, body(ctx));
        String who = Caller.name(ctx);
        long now = System.currentTimeMillis();
        tx.inTransaction(() -> actions.apply(id, r, who, now));
        if (action.movesTrust()) {
            reassessDevicesOf(List.of(id));
        }
        ctx.json(detail(id));
    }

    /**
     * An open detection holds its device below trusted: resolving its alert lifts the hold now,
     * reopening sets it again, so the devices of these alerts are assessed at once.
     */
    private void reassessDevicesOf(List<String> alertIds) {
        alerts.devicesOf(alertIds).forEach(reassess::device);
    }

    /** A bulk step's answer: the alerts it applied to, and the others with why not. */
    record BulkResult(String action, List<String> done, List<Skipped> skipped) {
    }

    record Skipped(String id, String reason) {
    }

    /**
     * {@code {"ids": [...], "action": "ack" | "resolve" | "assign" | "reopen", "assignee", "comment"}}:
     * the step for every alert it applies to, in one transaction; the others are listed with why.
     */
    private void bulk(Context ctx) {
        Map<String, Object> b = body(ctx);
        Object rawIds = b.get("ids");
        if (!(rawIds instanceof List<?> list) || list.isEmpty() || list.stream().anyMatch(x -> !(x instanceof String))) {
            throw new ApiError(400, "'ids' must be a non-empty list of alert ids");
        }
        if (list.size() > MAX_BULK) {
            throw new ApiError(413, "at most " + MAX_BULK + " alerts per request");
        }
        if (!(b.get("action") instanceof String a) || !BULK_ACTIONS.contains(a)) {
            throw new ApiError(400, "'action' must be one of " + String.join(", ", BULK_ACTIONS));
        }
        AlertActions.Request r = actions.request(AlertLifecycle.Action.of(a), b);
        String who = Caller.name(ctx);
        long now = System.currentTimeMillis();
        List<String> done = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        tx.inTransaction(() -> {
            for (Object o : new LinkedHashSet<>(list)) {
                String id = (String) o;
                try {
                    actions.apply(id, r, who, now);
                    done.add(id);
                } catch (ApiError e) {
                    if (e.status() != 409) {
                        throw e;
                    }
                    skipped.add(new Skipped(id, e.getMessage()));
                } catch (NoSuchElementException e) {
                    skipped.add(new Skipped(id, e.getMessage()));
                }
            }
        });
        if (!done.isEmpty() && r.action().movesTrust()) {
            reassessDevicesOf(done);
        }
        ctx.json(new BulkResult(a, done, skipped));
    }

    /** The queue as the filters of {@code GET /api/alerts} select it, every row, as CSV. */
    private void csv(Context ctx) throws IOException {
        List<AlertRow> rows = alerts.list(filter(ctx), MAX_CSV_ROWS);
        audit.append(Caller.name(ctx), "alert.export", null, "CSV");
        Csv.stream(ctx, "vigil-alerts.csv", CSV_COLUMNS, out -> rows.forEach(a -> out.row(List.of(a.id(), a.severity(), a.type(),
                a.title(), a.status(), nz(a.assignee()), a.deviceId(), nz(a.firstEvidence()), nz(a.detectedAt()), iso(a.created()),
                iso(a.acknowledged()), iso(a.resolved())))));
    }

    private static String nz(String v) {
        return v == null ? "" : v;
    }

    private static String iso(Long epochMillis) {
        return epochMillis == null ? "" : Instant.ofEpochMilli(epochMillis).toString();
    }
}
