package dev.vigil.server.api;

import static dev.vigil.server.api.Params.body;

import dev.vigil.server.VigilServer;
import dev.vigil.server.auth.Role;
import dev.vigil.server.store.AlertRow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The alert queue beyond one alert at a time: steps applied to many alerts at once, the queue as
 * CSV, what its filters can take, and the packets behind an alert's detection as a pcap.
 */
final class AlertRoutes {

    /** Alerts one bulk request may change. */
    static final int MAX_BULK = 1000;
    /** Rows one CSV export holds at most. */
    static final int MAX_CSV_ROWS = 100_000;
    static final List<String> BULK_ACTIONS = List.of("ack", "resolve", "assign", "reopen");
    static final List<String> CSV_COLUMNS = List.of("id", "severity", "type", "title", "status", "assignee", "device_id",
            "first_evidence", "detected_at", "created", "acknowledged", "resolved");

    private final VigilServer s;
    private final Routes routes;

    AlertRoutes(VigilServer s, Routes routes) {
        this.s = s;
        this.routes = routes;
    }

    void install(RoutesConfig r) {
        r.get("/api/alerts.csv", this::csv, Role.VIEWER);
        r.get("/api/alerts/facets", ctx -> ctx.json(s.store().read(AlertRoutes::facets)), Role.VIEWER);
        r.post("/api/alerts/bulk", this::bulk, Role.ANALYST);
        r.get("/api/alerts/{id}/packets.pcap", ctx -> FindingPackets.serve(s, ctx, alertFinding(ctx.pathParam("id"))),
                Role.VIEWER);
    }

    private String alertFinding(String id) {
        return s.store().read(h -> h.createQuery("SELECT finding_id FROM alerts WHERE id = :id").bind("id", id)
                .mapTo(String.class).findOne().orElseThrow(() -> new NoSuchElementException("no alert " + id)));
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
        Object action = b.get("action");
        if (!(action instanceof String a) || !BULK_ACTIONS.contains(a)) {
            throw new ApiError(400, "'action' must be one of " + String.join(", ", BULK_ACTIONS));
        }
        String who = Api.who(ctx).name();
        long now = System.currentTimeMillis();
        List<String> done = new ArrayList<>();
        List<Map<String, Object>> skipped = new ArrayList<>();
        s.store().writeVoid(h -> {
            for (Object o : new java.util.LinkedHashSet<>(list)) {
                String id = (String) o;
                try {
                    Routes.alertAction(h, id, a, b, who, now);
                    done.add(id);
                } catch (ApiError e) {
                    if (e.status() != 409) {
                        throw e; // a bad assignee or comment is wrong for every alert alike
                    }
                    skipped.add(Map.of("id", id, "reason", e.getMessage()));
                } catch (NoSuchElementException e) {
                    skipped.add(Map.of("id", id, "reason", e.getMessage()));
                }
            }
        });
        if (!done.isEmpty() && (a.equals("resolve") || a.equals("reopen"))) {
            routes.reassessDevicesOf(done);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", a);
        m.put("done", done);
        m.put("skipped", skipped);
        ctx.json(m);
    }

    /** The queue as the filters of {@code GET /api/alerts} select it, every row, as CSV. */
    private void csv(Context ctx) {
        Filter f = routes.alertFilter(ctx);
        StringBuilder sb = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        s.store().read(h -> f.all(h, "*", "alerts", Routes.ALERT_ORDER, MAX_CSV_ROWS, (rs, c) -> AlertRow.of(rs)))
                .forEach(a -> {
                    List<Object> cells = List.of(a.id(), a.severity(), a.type(), a.title(), a.status(), nz(a.assignee()),
                            a.deviceId(), nz(a.firstEvidence()), nz(a.detectedAt()), iso(a.created()), iso(a.acknowledged()),
                            iso(a.resolved()));
                    sb.append(String.join(",", cells.stream().map(x -> Routes.csv(String.valueOf(x))).toList())).append("\r\n");
                });
        Api.audit(s, ctx, "alert.export", null, "CSV");
        ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"vigil-alerts.csv\"")
                .result(sb.toString());
    }

    private static String nz(String v) {
        return v == null ? "" : v;
    }

    private static String iso(Long epochMillis) {
        return epochMillis == null ? "" : java.time.Instant.ofEpochMilli(epochMillis).toString();
    }

    /** What the queue's filters can take: the types, devices and assignees alerts have, every user. */
    static Map<String, Object> facets(org.jdbi.v3.core.Handle h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("types", h.createQuery("SELECT type AS value, COUNT(*) AS alerts FROM alerts GROUP BY type ORDER BY type")
                .mapToMap().list());
        m.put("devices", h.createQuery("SELECT a.device_id AS id, d.ip AS ip, COUNT(*) AS alerts FROM alerts a "
                + "LEFT JOIN devices d ON d.id = a.device_id GROUP BY a.device_id, d.ip ORDER BY COUNT(*) DESC, a.device_id")
                .mapToMap().list());
        m.put("assignees", h.createQuery("SELECT username FROM users ORDER BY username").mapTo(String.class).list());
        m.put("severities", List.of("critical", "high", "medium", "low", "info"));
        m.put("statuses", List.of("active", "open", "acknowledged", "resolved"));
        return m;
    }
}
