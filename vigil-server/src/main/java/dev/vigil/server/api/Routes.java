package dev.vigil.server.api;

import static dev.vigil.server.api.Params.body;
import static dev.vigil.server.api.Params.field;
import static dev.vigil.server.api.Params.limit;
import static dev.vigil.server.api.Params.offset;
import static dev.vigil.server.api.Params.oneOf;
import static dev.vigil.server.api.Params.required;
import static dev.vigil.server.api.Params.str;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.inventory.Device;
import dev.vigil.server.Retention;
import dev.vigil.server.VigilServer;
import dev.vigil.server.audit.AuditLog;
import dev.vigil.server.auth.Auth;
import dev.vigil.server.auth.Role;
import dev.vigil.server.crypto.KeyRotation;
import dev.vigil.server.store.AlertRow;
import dev.vigil.server.store.Json;
import dev.vigil.server.store.Records;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** The API's routes. */
final class Routes {

    static final Set<String> SEVERITIES = Set.of("info", "low", "medium", "high", "critical");
    static final Set<String> CRITICALITY = Set.of("low", "medium", "high", "critical");
    static final Set<String> ALERT_STATUS = Set.of("open", "acknowledged", "resolved");
    static final Map<String, String> DEVICE_SORT = Map.of("risk", "risk DESC", "trust", "trust ASC", "last_seen",
            "last_seen DESC", "id", "id ASC", "vendor", "vendor ASC", "type", "type ASC");

    /** Most severe first. */
    static final String SEVERITY_ORDER = "CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 "
            + "WHEN 'low' THEN 3 ELSE 4 END";

    private final VigilServer s;

    Routes(VigilServer s) {
        this.s = s;
    }

    void install(RoutesConfig r) {
        // the route groups of their own classes, first: their fixed paths (/api/alerts/facets) before {id}
        new AlertRoutes(s, this).install(r);
        FindingPackets.install(s, r);
        VulnerabilityRoutes.install(s, r);
        r.post("/api/login", this::login);
        r.post("/api/logout", ctx -> {
            s.auth().logout(Api.who(ctx));
            ctx.removeCookie(Api.COOKIE, "/");
            ctx.json(Map.of("ok", true));
        }, Role.VIEWER);
        r.get("/api/me", this::me, Role.VIEWER);
        r.post("/api/me/password", ctx -> {
            person(ctx);
            Map<String, Object> b = body(ctx);
            rotated(ctx, s.auth().accounts().changePassword(Api.who(ctx), required(b, "current", 256), required(b, "next", 256)));
        }, Role.VIEWER);
        r.post("/api/me/reauth", ctx -> {
            person(ctx);
            Map<String, Object> b = body(ctx);
            s.auth().reauthenticate(Api.who(ctx), required(b, "password", 256), field(b, "code", 16), client(ctx));
            ctx.json(Map.of("ok", true, "valid_for_seconds", s.auth().limits().stepUpMillis() / 1000));
        }, Role.VIEWER);
        r.post("/api/me/totp", ctx -> {
            person(ctx);
            String[] x = s.auth().accounts().totpEnroll(Api.who(ctx));
            ctx.json(Map.of("secret", x[0], "uri", x[1], "qr", QrCodes.dataUri(x[1])));
        }, Role.VIEWER);
        r.post("/api/me/totp/confirm", ctx -> {
            person(ctx);
            rotated(ctx, s.auth().accounts().totpConfirm(Api.who(ctx), required(body(ctx), "code", 16)));
        }, Role.VIEWER);

        r.get("/api/openapi.json", ctx -> {
            try (InputStream in = Routes.class.getResourceAsStream("/openapi.json")) {
                ctx.contentType("application/json").result(in.readAllBytes());
            }
        }, Role.VIEWER);
        r.get("/api/devices", this::devices, Role.VIEWER);
        r.get("/api/devices.csv", this::devicesCsv, Role.VIEWER);
        r.post("/api/devices.csv", ctx -> new CsvImport(s, this).run(ctx), Role.ANALYST);
        r.get("/api/devices/facets", ctx -> ctx.json(s.store().read(h -> DeviceQuery.facets(s, h))), Role.VIEWER);
        r.get("/api/devices/{id}", this::device, Role.VIEWER);
        r.patch("/api/devices/{id}", this::patchDevice, Role.ANALYST);
        r.delete("/api/devices/{id}", ctx -> {
            if (!Retention.deleteDevice(s.store(), ctx.pathParam("id"), Api.who(ctx).name())) {
                throw new NoSuchElementException("no device " + ctx.pathParam("id"));
            }
            ctx.status(200).json(Map.of("deleted", ctx.pathParam("id")));
        }, Role.ADMIN);
        r.get("/api/devices/{id}/trust", this::trustHistory, Role.VIEWER);
        r.get("/api/devices/{id}/traffic", this::traffic, Role.VIEWER);
        r.get("/api/findings", this::findings, Role.VIEWER);
        r.get("/api/findings/{id}", ctx -> ctx.json(finding(ctx.pathParam("id"))), Role.VIEWER);
        r.get("/api/alerts", this::alerts, Role.VIEWER);
        r.get("/api/alerts/{id}", ctx -> ctx.json(alertDetail(ctx.pathParam("id"))), Role.VIEWER);
        r.post("/api/alerts/{id}/ack", ctx -> alertAction(ctx, "ack"), Role.ANALYST);
        r.post("/api/alerts/{id}/assign", ctx -> alertAction(ctx, "assign"), Role.ANALYST);
        r.post("/api/alerts/{id}/comment", ctx -> alertAction(ctx, "comment"), Role.ANALYST);
        r.post("/api/alerts/{id}/resolve", ctx -> alertAction(ctx, "resolve"), Role.ANALYST);
        r.post("/api/alerts/{id}/reopen", ctx -> alertAction(ctx, "reopen"), Role.ANALYST);
        r.get("/api/trust", this::trust, Role.VIEWER);
        r.get("/api/risk", this::risk, Role.VIEWER);
        r.get("/api/metrics", this::metrics, Role.VIEWER);
        r.get("/api/metrics/history", this::metricsHistory, Role.VIEWER);
        r.get("/api/graph", this::graph, Role.VIEWER);
        r.get("/api/report", this::report, Role.VIEWER);
        r.get("/api/report.html", this::reportHtml, Role.VIEWER);
        r.get("/api/ingest", ctx -> ctx.json(Map.of("sources", SourceRows.of(s.store(), s.ingest().status()), "outputs", s.outputs().status(),
                "outputs_dropped", s.outputs().dropped())), Role.VIEWER);

        r.get("/api/users", ctx -> ctx.json(page(s.auth().accounts().users(), ctx)), Role.ADMIN);
        r.post("/api/users", ctx -> {
            Map<String, Object> b = body(ctx);
            String u = required(b, "username", 64);
            Role role = Role.parse(required(b, "role", 16));
            String pw = s.auth().accounts().createUser(Api.who(ctx), u, role);
            ctx.status(201).json(Map.of("username", Auth.fold(u), "role", role.label(), "one_time_password", pw));
        }, Role.ADMIN);
        r.post("/api/users/{name}/reset", ctx -> ctx.json(Map.of("username", Auth.fold(ctx.pathParam("name")), "one_time_password",
                s.auth().accounts().resetUser(Api.who(ctx), ctx.pathParam("name")))), Role.ADMIN);
        r.delete("/api/users/{name}", ctx -> {
            s.auth().accounts().deleteUser(Api.who(ctx), ctx.pathParam("name"));
            ctx.json(Map.of("deleted", Auth.fold(ctx.pathParam("name"))));
        }, Role.ADMIN);
        r.get("/api/tokens", ctx -> ctx.json(page(s.auth().tokens().list(), ctx)), Role.ADMIN);
        r.post("/api/tokens", ctx -> {
            Map<String, Object> b = body(ctx);
            s.auth().requireStepUp(Api.who(ctx), true);
            ctx.status(201).json(s.auth().tokens().create(Api.who(ctx), required(b, "name", 64), Role.parse(required(b, "role", 16)),
                    Params.strings(b, "scopes", 32), Params.integer(b, "expires_in_days")));
        }, Role.ADMIN);
        r.delete("/api/tokens/{name}", ctx -> {
            s.auth().tokens().revoke(Api.who(ctx), ctx.pathParam("name"));
            ctx.json(Map.of("revoked", ctx.pathParam("name")));
        }, Role.ADMIN);
        r.get("/api/settings/sign-in", ctx -> ctx.json(Map.of("second_factor_required_from", s.auth().secondFactorFrom().label())),
                Role.ADMIN);
        r.post("/api/settings/sign-in", ctx -> {
            Role from = Role.parse(required(body(ctx), "second_factor_required_from", 16));
            s.auth().secondFactorFrom(Api.who(ctx), from);
            ctx.json(Map.of("second_factor_required_from", from.label()));
        }, Role.ADMIN);
        r.get("/api/audit", ctx -> {
            long before = ctx.queryParam("before") == null ? Long.MAX_VALUE : Params.intParam(ctx, "before", 0, 1, Integer.MAX_VALUE);
            int limit = limit(ctx);
            int offset = offset(ctx);
            long total = s.store().read(h -> h.createQuery("SELECT COUNT(*) FROM audit WHERE seq < :b").bind("b", before)
                    .mapTo(Long.class).one());
            List<AuditLog.Entry> rows = AuditLog.recent(s.store(), (int) Math.min(Integer.MAX_VALUE, (long) limit + offset), before);
            ctx.json(page(rows.subList(Math.min(offset, rows.size()), rows.size()), total, limit, offset));
        }, Role.ADMIN);
        r.get("/api/audit/verify", ctx -> ctx.json(AuditLog.verify(s.store(),
                dev.vigil.server.audit.AuditAnchors.read(s.auditAnchors()))), Role.ADMIN);
        r.post("/api/keys/rotate", ctx -> {
            s.auth().requireStepUp(Api.who(ctx), true);
            ctx.json(KeyRotation.rotate(s.store(), s.vault(), Api.who(ctx).name()));
        }, Role.ADMIN);
        r.post("/api/keys/rotate-master", ctx -> {
            s.auth().requireStepUp(Api.who(ctx), true);
            try {
                dev.vigil.server.crypto.MasterKeyRotation.rotate(s.store(), s.vault(), s.config().dataDir().resolve("master.key"),
                        Api.who(ctx).name());
            } catch (IllegalStateException e) {
                throw new ApiError(409, e.getMessage());
            }
            ctx.json(Map.of("ok", true));
        }, Role.ADMIN);
        r.post("/api/retention", ctx -> ctx.json(Retention.apply(s.store(), s.config().retentionDays(),
                System.currentTimeMillis())), Role.ADMIN);
    }

    // ---- sessions

    /** The caller must be a person (an API token has no password and no second factor). */
    private static void person(Context ctx) {
        if (Api.who(ctx).user() == null) {
            throw new ApiError(400, "an API token has no password or second factor");
        }
    }

    /** The client's address: the peer, or what a trusted proxy says it is. */
    private String client(Context ctx) {
        return Api.clientAddress(ctx.ip(), ctx.header("X-Forwarded-For"), s.config().trustedProxies());
    }

    private void login(Context ctx) {
        Api.sameOriginJson(ctx);
        Map<String, Object> b = body(ctx);
        Auth.Login l = s.auth().login(field(b, "username", 64), field(b, "password", 256), field(b, "code", 16), client(ctx));
        setCookie(ctx, l.session());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", l.user());
        m.put("csrf", l.session().csrf());
        m.put("password_change_required", l.passwordChangeRequired());
        m.put("totp_setup_required", l.totpSetupRequired());
        ctx.json(m);
    }

    private void setCookie(Context ctx, Auth.NewSession session) {
        ctx.header("Set-Cookie", Api.COOKIE + "=" + session.token() + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                + s.auth().limits().sessionMillis() / 1000 + (s.config().secureCookies() ? "; Secure" : ""));
    }

    /** The answer to a setup step: when it completed the session, the new session's cookie and CSRF token. */
    private void rotated(Context ctx, java.util.Optional<Auth.NewSession> next) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        next.ifPresent(n -> {
            setCookie(ctx, n);
            m.put("csrf", n.csrf());
        });
        ctx.json(m);
    }

    private void me(Context ctx) {
        Auth.Principal p = Api.who(ctx);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", p.user());
        m.put("role", p.role().label());
        m.put("token", p.token());
        m.put("csrf", p.csrf());
        m.put("complete", p.complete());
        m.put("scopes", p.scopes());
        m.put("step_up_until", p.reauthUntil() == 0 ? null : p.reauthUntil());
        ctx.json(m);
    }

    // ---- devices

    private static final String DEVICE_COLS = "id, ip, vendor, type, trust, tier, risk, risk_level, first_seen, last_seen, "
            + "owner_enc, contact_enc, location, purpose, criticality, tags, zone, data";

    private Map<String, Object> deviceRow(Map<String, Object> r, boolean full) {
        Map<String, Object> m = new LinkedHashMap<>();
        Device d = Records.device((String) r.get("data"));
        m.put("id", r.get("id"));
        m.put("ip", r.get("ip"));
        m.put("mac", d.mac());
        m.put("name", d.hostnames() == null || d.hostnames().isEmpty() ? null : d.hostnames().get(0));
        m.put("vendor", r.get("vendor"));
        m.put("type", r.get("type"));
        m.put("model", d.model());
        m.put("firmware", d.firmware());
        m.put("os", d.os());
        m.put("trust", r.get("trust"));
        m.put("tier", r.get("tier"));
        m.put("risk", r.get("risk"));
        m.put("risk_level", r.get("risk_level"));
        m.put("first_seen", r.get("first_seen"));
        m.put("last_seen", r.get("last_seen"));
        m.put("owner", decrypt(r.get("owner_enc")));
        m.put("contact", decrypt(r.get("contact_enc")));
        m.put("location", r.get("location"));
        m.put("purpose", r.get("purpose"));
        m.put("criticality", r.get("criticality"));
        m.put("tags", Records.tags((String) r.get("tags")));
        m.put("zone", r.get("zone"));
        if (full) {
            m.put("device", d);
        }
        return m;
    }

    private String decrypt(Object v) {
        return v == null ? null : s.vault().decrypt((String) v);
    }

    private void devices(Context ctx) {
        String sort = oneOf(ctx, "sort", DEVICE_SORT.keySet());
        int limit = limit(ctx);
        int offset = offset(ctx);
        ctx.json(s.store().read(h -> DeviceQuery.filter(s, h, ctx).page(h, DEVICE_COLS, "devices",
                DEVICE_SORT.get(sort == null ? "risk" : sort) + ", id", limit, offset, (rs, c) -> deviceRow(rowMap(rs), false))));
    }

    /** A result row as a map of column label to value (what the row helpers take). */
    static Map<String, Object> rowMap(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        var md = rs.getMetaData();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            m.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
        }
        return m;
    }

    /** One page of a list held whole (users, tokens): the request's limit and offset applied. */
    static Map<String, Object> page(List<?> all, Context ctx) {
        int limit = limit(ctx);
        int offset = offset(ctx);
        return page(all.subList(Math.min(offset, all.size()), Math.min(all.size(), (int) Math.min(all.size(), (long) offset + limit))),
                all.size(), limit, offset);
    }

    static Map<String, Object> page(List<?> items, long total, int limit, int offset) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", items);
        m.put("total", total);
        m.put("limit", limit);
        m.put("offset", offset);
        return m;
    }

    private Map<String, Object> deviceOrThrow(Handle h, String id) {
        return h.createQuery("SELECT " + DEVICE_COLS + ", assessment FROM devices WHERE id = :id").bind("id", id).mapToMap()
                .findOne().orElseThrow(() -> new NoSuchElementException("no device " + id));
    }

    private void device(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(s.store().read(h -> {
            Map<String, Object> r = deviceOrThrow(h, id);
            Map<String, Object> m = deviceRow(r, true);
            m.put("assessment", r.get("assessment") == null ? null : Json.read((String) r.get("assessment"), Map.class));
            m.put("findings", h.createQuery("SELECT id, type, category, severity, first_seen, last_seen, count, data FROM findings "
                    + "WHERE device_id = :id ORDER BY last_seen DESC").bind("id", id).mapToMap().list().stream()
                    .map(this::findingRow).toList());
            m.put("alerts", h.createQuery("SELECT * FROM alerts WHERE device_id = :id ORDER BY created DESC").bind("id", id)
                    .map((rs, c) -> AlertRow.of(rs)).list());
            return m;
        }));
    }

    private void patchDevice(Context ctx) {
        String id = ctx.pathParam("id");
        Map<String, Object> b = body(ctx);
        Set<String> known = Set.of("owner", "contact", "location", "purpose", "criticality", "tags", "zone");
        for (String k : b.keySet()) {
            if (!known.contains(k)) {
                throw new ApiError(400, "'" + k + "' cannot be edited; editable: " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        }
        String crit = field(b, "criticality", 16);
        if (crit != null && !crit.isEmpty() && !CRITICALITY.contains(crit)) {
            throw new ApiError(400, "'criticality' must be low, medium, high or critical");
        }
        String tags = tags(b.get("tags"));
        Map<String, String> text = new LinkedHashMap<>();
        for (String f : List.of("owner", "contact", "location", "purpose")) {
            if (b.containsKey(f)) {
                text.put(f, field(b, f, 200));
            }
        }
        if (b.containsKey("zone")) {
            text.put("zone", zone(field(b, "zone", 40)));
        }
        s.store().writeVoid(h -> {
            deviceOrThrow(h, id);
            applyEdit(h, id, text, b.containsKey("criticality") ? (crit == null || crit.isEmpty() ? "" : crit) : null,
                    b.containsKey("tags") ? tags : null);
            AuditLog.append(h, Api.who(ctx).name(), "device.edit", id, String.join(", ", b.keySet()));
        });
        if (b.containsKey("criticality") || b.containsKey("tags")) {
            // what people say of a device changes its risk now, not with its next traffic
            s.ingest().context().persister().reassessDevice(id);
        }
        device(ctx);
    }

    /** Writes edited fields; "" clears a field, null leaves it. */
    void applyEdit(Handle h, String id, Map<String, String> text, String crit, String tags) {
        for (Map.Entry<String, String> e : text.entrySet()) {
            String v = e.getValue() == null || e.getValue().isBlank() ? null : e.getValue().trim();
            switch (e.getKey()) {
                case "owner" -> h.createUpdate("UPDATE devices SET owner_enc = :e, owner_token = :t WHERE id = :id")
                        .bind("e", s.vault().encrypt(v)).bind("t", s.vault().token(v)).bind("id", id).execute();
                case "contact" -> h.createUpdate("UPDATE devices SET contact_enc = :e WHERE id = :id")
                        .bind("e", s.vault().encrypt(v)).bind("id", id).execute();
                default -> h.createUpdate("UPDATE devices SET " + e.getKey() + " = :v WHERE id = :id").bind("v", v)
                        .bind("id", id).execute();
            }
        }
        if (crit != null) {
            h.createUpdate("UPDATE devices SET criticality = :v WHERE id = :id").bind("v", crit.isEmpty() ? null : crit)
                    .bind("id", id).execute();
        }
        if (tags != null) {
            h.createUpdate("UPDATE devices SET tags = :v WHERE id = :id").bind("v", tags.isEmpty() ? null : tags)
                    .bind("id", id).execute();
        }
    }

    /** A zone as stored: lower case, the characters of a label; "" or null clears it. */
    static String zone(String v) {
        if (v == null || v.isBlank()) {
            return v;
        }
        String z = v.trim().toLowerCase(Locale.ROOT);
        if (!z.matches(DeviceQuery.LABEL)) {
            throw new ApiError(400, "zone '" + v + "' must be 1 to 40 letters, digits, space, _ . or -");
        }
        return z;
    }

    static String tags(Object v) {
        if (v == null) {
            return "";
        }
        List<String> t;
        if (v instanceof List<?> l) {
            t = l.stream().map(String::valueOf).toList();
        } else if (v instanceof String x) {
            t = Records.tags(x);
        } else {
            throw new ApiError(400, "'tags' must be a list of strings or a comma-separated string");
        }
        List<String> clean = new ArrayList<>();
        for (String x : t) {
            String y = x.trim().toLowerCase(Locale.ROOT);
            if (!y.matches("[a-z0-9 _.-]{1,40}")) {
                throw new ApiError(400, "tag '" + x + "' must be 1 to 40 letters, digits, space, _ . or -");
            }
            if (!clean.contains(y)) {
                clean.add(y);
            }
        }
        return String.join(",", clean);
    }

    static final List<String> CSV_COLUMNS = List.of("id", "ip", "mac", "name", "vendor", "type", "model", "firmware", "trust",
            "tier", "risk", "risk_level", "first_seen", "last_seen", "owner", "contact", "location", "purpose", "criticality",
            "tags", "zone");

    private void devicesCsv(Context ctx) {
        StringBuilder sb = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        s.store().read(h -> {
            h.createQuery("SELECT " + DEVICE_COLS + " FROM devices ORDER BY id").mapToMap().forEach(r -> {
                Map<String, Object> m = deviceRow(r, false);
                List<String> cells = new ArrayList<>();
                for (String c : CSV_COLUMNS) {
                    Object v = m.get(c);
                    cells.add(csv(v instanceof List<?> l ? String.join(";", l.stream().map(String::valueOf).toList())
                            : v == null ? "" : String.valueOf(v)));
                }
                sb.append(String.join(",", cells)).append("\r\n");
            });
            return null;
        });
        Api.audit(s, ctx, "device.export", null, "CSV");
        ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"vigil-devices.csv\"")
                .result(sb.toString());
    }

    static String csv(String v) {
        // a cell that a spreadsheet would run as a formula is quoted with a leading apostrophe
        String x = !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+") ? "'" + v : v;
        return x.contains(",") || x.contains("\"") || x.contains("\n") || x.contains("\r") ? "\"" + x.replace("\"", "\"\"") + "\""
                : x;
    }

    static String first(Map<String, String> row, String... keys) {
        for (String k : keys) {
            String v = blank(row.get(k));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private void trustHistory(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(s.store().read(h -> {
            deviceOrThrow(h, id);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("history", h.createQuery("SELECT ts, score, tier, factors FROM trust_history WHERE device_id = :id ORDER BY ts")
                    .bind("id", id).mapToMap().list().stream().map(r -> {
                        Map<String, Object> x = new LinkedHashMap<>(r);
                        x.put("factors", Json.read((String) r.get("factors"), List.class));
                        return x;
                    }).toList());
            m.put("tier_events", h.createQuery("SELECT data FROM tier_events WHERE device_id = :id ORDER BY ts").bind("id", id)
                    .mapTo(String.class).map(x -> Json.read(x, Map.class)).list());
            return m;
        }));
    }

    private void traffic(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(s.store().read(h -> DeviceTraffic.of(h, Records.device((String) deviceOrThrow(h, id).get("data")))));
    }

    // ---- findings and alerts

    private Map<String, Object> findingRow(Map<String, Object> r) {
        Finding f = Records.finding((String) r.get("data"), s.vault());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.get("id"));
        m.put("category", r.get("category"));
        m.put("finding", f);
        return m;
    }

    /** Findings grouped at most at once: as many as one analysis keeps (the finding recorder's bound). */
    static final int MAX_GROUPED_FINDINGS = 100_000;

    private void findings(Context ctx) {
        Filter f = new Filter().eq("device_id", "device", str(ctx, "device")).eq("type", "type", findingType(ctx))
                .eq("category", "category", oneOf(ctx, "category", CATEGORIES)).eq("severity", "sev", oneOf(ctx, "severity", SEVERITIES));
        int limit = limit(ctx);
        int offset = offset(ctx);
        if (oneOf(ctx, "group", Set.of("weakness")) != null) {
            // by device and weakness: the groups are paged, their findings named by id inside
            ctx.json(s.store().read(h -> {
                List<Map<String, Object>> rows = f.all(h, "id, category, data", "findings", "id", MAX_GROUPED_FINDINGS, (rs, c) -> findingRow(rowMap(rs)));
                List<dev.vigil.detect.findings.FindingGroups.Group> groups = dev.vigil.detect.findings.FindingGroups.of(
                        rows.stream().map(r -> (Finding) r.get("finding")).toList(),
                        rows.stream().map(r -> (String) r.get("id")).toList(), dev.vigil.detect.findings.FindingCatalog.bundled());
                return page(groups.stream().skip(offset).limit(limit).toList(), groups.size(), limit, offset);
            }));
            return;
        }
        ctx.json(s.store().read(h -> f.page(h, "id, category, data", "findings", SEVERITY_ORDER + ", last_seen DESC, id", limit,
                offset, (rs, c) -> findingRow(rowMap(rs)))));
    }

    /** Categories of the finding catalogue. */
    static final Set<String> CATEGORIES = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(
            dev.vigil.detect.findings.FindingCatalog.bundled().all().stream().map(t -> t.category()).toList()));

    /** The {@code type} filter: a type of the finding catalogue, else 400. */
    static String findingType(Context ctx) {
        String t = str(ctx, "type");
        if (t != null && !dev.vigil.detect.findings.FindingCatalog.bundled().has(t)) {
            throw new ApiError(400, "'type' must be a finding type of the catalogue (docs/findings.md), not '" + t + "'");
        }
        return t;
    }

    /** The {@code assignee} filter: a user's name, else 400. */
    private String assignee(Context ctx) {
        String a = str(ctx, "assignee");
        if (a != null && s.auth().accounts().users().stream().noneMatch(u -> u.username().equals(a))) {
            throw new ApiError(400, "'assignee' must be a user's name; there is no user '" + a + "'");
        }
        return a;
    }

    private Map<String, Object> finding(String id) {
        return s.store().read(h -> h.createQuery("SELECT id, category, data FROM findings WHERE id = :id").bind("id", id)
                .mapToMap().findOne().map(this::findingRow).orElseThrow(() -> new NoSuchElementException("no finding " + id)));
    }

    private void alerts(Context ctx) {
        Filter f = alertFilter(ctx);
        int limit = limit(ctx);
        int offset = offset(ctx);
        ctx.json(s.store().read(h -> f.page(h, "*", "alerts", ALERT_ORDER, limit, offset, (rs, c) -> AlertRow.of(rs))));
    }

    /** The queue's order: open, then acknowledged, then resolved; most severe first; newest first. */
    static final String ALERT_ORDER = "CASE status WHEN 'open' THEN 0 WHEN 'acknowledged' THEN 1 ELSE 2 END, "
            + SEVERITY_ORDER + ", created DESC, id";

    /** The alert queue's filters: status (or active), severity, device, type, assignee. */
    Filter alertFilter(Context ctx) {
        Filter f = new Filter();
        String st = oneOf(ctx, "status", Set.of("open", "acknowledged", "resolved", "active"));
        if ("active".equals(st)) {
            f.add("status <> 'resolved'");
        } else {
            f.eq("status", "st", st);
        }
        f.eq("severity", "sev", oneOf(ctx, "severity", SEVERITIES)).eq("device_id", "device", str(ctx, "device"))
                .eq("type", "type", findingType(ctx)).eq("assignee", "assignee", assignee(ctx));
        return f;
    }

    Map<String, Object> alertDetail(String id) {
        return s.store().read(h -> {
            AlertRow a = h.createQuery("SELECT * FROM alerts WHERE id = :id").bind("id", id).map((rs, x) -> AlertRow.of(rs))
                    .findOne().orElseThrow(() -> new NoSuchElementException("no alert " + id));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("alert", a);
            m.put("finding", h.createQuery("SELECT id, category, data FROM findings WHERE id = :id").bind("id", a.findingId())
                    .mapToMap().findOne().map(this::findingRow).orElse(null));
            m.put("comments", h.createQuery("SELECT author, text, created FROM alert_comments WHERE alert_id = :id ORDER BY created")
                    .bind("id", id).mapToMap().list());
            m.put("packets", FindingPackets.info(h, a.findingId()));
            return m;
        });
    }

    private void alertAction(Context ctx, String action) {
        String id = ctx.pathParam("id");
        Map<String, Object> b = body(ctx);
        String who = Api.who(ctx).name();
        long now = System.currentTimeMillis();
        s.store().writeVoid(h -> alertAction(h, id, action, b, who, now));
        if (action.equals("resolve") || action.equals("reopen")) {
            reassessDevicesOf(List.of(id));
        }
        ctx.json(alertDetail(id));
    }

    /**
     * An open detection holds its device below trusted: resolving its alert lifts the hold now,
     * reopening sets it again, so the devices of these alerts are assessed at once.
     */
    void reassessDevicesOf(List<String> alertIds) {
        s.store().read(h -> h.createQuery("SELECT DISTINCT device_id FROM alerts WHERE id IN (<ids>)").bindList("ids", alertIds)
                .mapTo(String.class).list()).forEach(d -> s.ingest().context().persister().reassessDevice(d));
    }

    /** One step of an alert's lifecycle, audited; 404 for no such alert, 409 when the step does not apply. */
    static void alertAction(Handle h, String id, String action, Map<String, Object> b, String who, long now) {
        String comment = field(b, action.equals("comment") ? "text" : "comment", 4000);
        AlertRow a = h.createQuery("SELECT * FROM alerts WHERE id = :id").bind("id", id).map((rs, x) -> AlertRow.of(rs))
                .findOne().orElseThrow(() -> new NoSuchElementException("no alert " + id));
        String detail = null;
        switch (action) {
            case "ack" -> {
                if (!a.status().equals("open")) {
                    throw new ApiError(409, "only an open alert can be acknowledged; this one is " + a.status());
                }
                h.createUpdate("UPDATE alerts SET status = 'acknowledged', acknowledged = :t, "
                        + "assignee = COALESCE(assignee, :u), updated = :t WHERE id = :id").bind("t", now).bind("u", who)
                        .bind("id", id).execute();
            }
            case "assign" -> {
                String to = required(b, "assignee", 64);
                long exists = h.createQuery("SELECT COUNT(*) FROM users WHERE username = :u").bind("u", to).mapTo(Long.class)
                        .one();
                if (exists == 0) {
                    throw new ApiError(400, "no user " + to);
                }
                h.createUpdate("UPDATE alerts SET assignee = :u, updated = :t WHERE id = :id").bind("u", to).bind("t", now)
                        .bind("id", id).execute();
                detail = "to " + to;
            }
            case "comment" -> {
                if (comment == null || comment.isBlank()) {
                    throw new ApiError(400, "'text' is required");
                }
                h.createUpdate("UPDATE alerts SET updated = :t WHERE id = :id").bind("t", now).bind("id", id).execute();
            }
            case "resolve" -> {
                if (a.status().equals("resolved")) {
                    throw new ApiError(409, "the alert is already resolved");
                }
                h.createUpdate("UPDATE alerts SET status = 'resolved', resolved = :t, acknowledged = COALESCE(acknowledged, :t), "
                        + "updated = :t WHERE id = :id").bind("t", now).bind("id", id).execute();
            }
            case "reopen" -> {
                if (!a.status().equals("resolved")) {
                    throw new ApiError(409, "only a resolved alert can be reopened");
                }
                h.createUpdate("UPDATE alerts SET status = 'open', resolved = NULL, acknowledged = NULL, updated = :t "
                        + "WHERE id = :id").bind("t", now).bind("id", id).execute();
            }
            default -> throw new IllegalStateException(action);
        }
        if (comment != null && !comment.isBlank()) {
            h.createUpdate("INSERT INTO alert_comments (id, alert_id, author, text, created) VALUES (:c, :a, :u, :x, :t)")
                    .bind("c", java.util.UUID.randomUUID().toString()).bind("a", id).bind("u", who).bind("x", comment)
                    .bind("t", now).execute();
        }
        AuditLog.append(h, who, "alert." + action, id, detail);
    }

    // ---- trust, risk, metrics, graph, report

    private Map<String, Object> latestSnapshot(Handle h) {
        return h.createQuery("SELECT data FROM metrics_snapshots ORDER BY ts DESC LIMIT 1").mapTo(String.class).findOne()
                .map(x -> Json.read(x, new TypeReference<Map<String, Object>>() { })).orElse(Map.of());
    }

    private void trust(Context ctx) {
        ctx.json(s.store().read(h -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tiers", h.createQuery("SELECT tier, COUNT(*) AS devices FROM devices WHERE tier IS NOT NULL GROUP BY tier")
                    .mapToMap().list());
            List<Integer> buckets = new ArrayList<>(java.util.Collections.nCopies(10, 0));
            h.createQuery("SELECT trust FROM devices WHERE trust IS NOT NULL").mapTo(Double.class)
                    .forEach(t -> buckets.set(Math.min(9, (int) (t / 10)), buckets.get(Math.min(9, (int) (t / 10))) + 1));
            m.put("distribution", buckets);
            m.put("lowest", h.createQuery("SELECT id, ip, vendor, type, trust, tier FROM devices WHERE trust IS NOT NULL "
                    + "ORDER BY trust, id LIMIT 20").mapToMap().list());
            m.put("tier_events", h.createQuery("SELECT data FROM tier_events ORDER BY updated DESC, ts DESC LIMIT 50")
                    .mapTo(String.class).map(x -> Json.read(x, Map.class)).list());
            return m;
        }));
    }

    private void risk(Context ctx) {
        ctx.json(s.store().read(h -> {
            Map<String, Object> snap = latestSnapshot(h);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("risk_levels", snap.get("risk_levels"));
            m.put("risk_matrix", snap.get("risk_matrix"));
            m.put("plan", snap.get("plan"));
            m.put("top", h.createQuery("SELECT id, ip, vendor, type, risk, risk_level, trust FROM devices WHERE risk IS NOT NULL "
                    + "ORDER BY risk DESC, id LIMIT 20").mapToMap().list());
            return m;
        }));
    }

    /** Alert lifecycle figures: time to acknowledge and to resolve (wall clock), open counts. */
    private Map<String, Object> lifecycle(Handle h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("open", h.createQuery("SELECT COUNT(*) FROM alerts WHERE status = 'open'").mapTo(Long.class).one());
        m.put("acknowledged", h.createQuery("SELECT COUNT(*) FROM alerts WHERE status = 'acknowledged'").mapTo(Long.class).one());
        m.put("resolved", h.createQuery("SELECT COUNT(*) FROM alerts WHERE status = 'resolved'").mapTo(Long.class).one());
        Double mtta = h.createQuery("SELECT AVG(acknowledged - created) FROM alerts WHERE acknowledged IS NOT NULL")
                .mapTo(Double.class).findOne().orElse(null);
        Double mttr = h.createQuery("SELECT AVG(resolved - created) FROM alerts WHERE resolved IS NOT NULL").mapTo(Double.class)
                .findOne().orElse(null);
        m.put("mean_time_to_acknowledge_seconds", mtta == null ? null : Math.round(mtta / 10.0) / 100.0);
        m.put("mean_time_to_respond_seconds", mttr == null ? null : Math.round(mttr / 10.0) / 100.0);
        return m;
    }

    private void metrics(Context ctx) {
        ctx.json(s.store().read(h -> {
            Map<String, Object> snap = latestSnapshot(h);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", snap.get("at"));
            m.put("devices", h.createQuery("SELECT COUNT(*) FROM devices").mapTo(Long.class).one());
            m.put("findings", h.createQuery("SELECT COUNT(*) FROM findings").mapTo(Long.class).one());
            m.put("tiers", snap.get("tiers"));
            m.put("risk_levels", snap.get("risk_levels"));
            m.put("programme", snap.get("metrics"));
            m.put("alerts", lifecycle(h));
            m.put("findings_by_severity", h.createQuery("SELECT severity, COUNT(*) AS n FROM findings GROUP BY severity")
                    .mapToMap().list());
            m.put("findings_by_category", h.createQuery("SELECT category, COUNT(*) AS n FROM findings GROUP BY category")
                    .mapToMap().list());
            return m;
        }));
    }

    private void metricsHistory(Context ctx) {
        int limit = Params.intParam(ctx, "limit", 500, 1, 5000);
        int offset = offset(ctx);
        ctx.json(s.store().read(h -> {
            List<Map<String, Object>> out = new ArrayList<>();
            long total = h.createQuery("SELECT COUNT(*) FROM metrics_snapshots").mapTo(Long.class).one();
            h.createQuery("SELECT ts, data FROM metrics_snapshots ORDER BY ts DESC LIMIT :n OFFSET :o").bind("n", limit)
                    .bind("o", offset).mapToMap()
                    .forEach(r -> {
                        Map<String, Object> d = Json.read((String) r.get("data"), new TypeReference<Map<String, Object>>() { });
                        Map<String, Object> x = new LinkedHashMap<>();
                        x.put("at", d.get("at"));
                        x.put("devices", d.get("devices"));
                        x.put("findings", d.get("findings"));
                        x.put("open_alerts", d.get("open_alerts"));
                        x.put("tiers", d.get("tiers"));
                        x.put("risk_levels", d.get("risk_levels"));
                        out.add(x);
                    });
            java.util.Collections.reverse(out);
            return page(out, total, limit, offset);
        }));
    }

    /** Devices (every address of a device maps to its node) and the peers they talk to. */
    private void graph(Context ctx) {
        int limit = Params.intParam(ctx, "limit", 300, 1, 5000);
        ctx.json(s.store().read(h -> {
            Map<String, Map<String, Object>> devices = new LinkedHashMap<>();
            Map<String, String> nodeOf = new java.util.HashMap<>();
            devices.putAll(TalkMap.nodes(h));
            h.createQuery("SELECT ip, device_id FROM device_ips").mapToMap()
                    .forEach(r -> nodeOf.put((String) r.get("ip"), (String) r.get("device_id")));
            Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
            Map<String, Map<String, Object>> merged = new LinkedHashMap<>();
            h.createQuery("SELECT src, dst, service, flows, bytes FROM edges ORDER BY bytes DESC LIMIT :n").bind("n", limit)
                    .mapToMap().forEach(e -> {
                        String a = node(nodeOf, devices, nodes, (String) e.get("src"));
                        String b = node(nodeOf, devices, nodes, (String) e.get("dst"));
                        Map<String, Object> x = merged.computeIfAbsent(a + "|" + b + "|" + e.get("service"), k -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("src", a);
                            m.put("dst", b);
                            m.put("service", e.get("service"));
                            m.put("flows", 0L);
                            m.put("bytes", 0L);
                            return m;
                        });
                        x.put("flows", (Long) x.get("flows") + ((Number) e.get("flows")).longValue());
                        x.put("bytes", (Long) x.get("bytes") + ((Number) e.get("bytes")).longValue());
                    });
            return Map.of("nodes", List.copyOf(nodes.values()), "edges", List.copyOf(merged.values()));
        }));
    }

    /** The node key of an address: its device's id, or the address itself for a peer. */
    private static String node(Map<String, String> nodeOf, Map<String, Map<String, Object>> devices,
            Map<String, Map<String, Object>> nodes, String ip) {
        String known = nodeOf.get(ip);
        String dev = known != null && devices.containsKey(known) ? known : null;
        String key = dev != null ? dev : ip;
        nodes.computeIfAbsent(key, k -> {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("key", k);
            if (dev != null) {
                n.putAll(devices.get(dev));
            } else {
                n.put("ip", ip);
                n.put("external", true);
            }
            return n;
        });
        return key;
    }

    /**
     * The same self-contained page `vigil analyze` writes (report.html), over everything stored:
     * risk matrix, tiers, the plan, metrics, every device with its evidence, every finding.
     */
    private void reportHtml(Context ctx) throws java.io.IOException {
        dev.vigil.detect.analysis.AnalysisResult result = s.store().read(h -> StoredAnalysis.of(h, s.vault(), s.config().trust()));
        Api.audit(s, ctx, "report.export", null, "HTML");
        // the page is self-contained: its own inline script and style (allowed by hash), nothing fetched, never framed
        ctx.header("Content-Security-Policy", dev.vigil.report.ReportWriter.contentSecurityPolicy());
        ctx.header("Content-Disposition", "inline; filename=\"vigil-report.html\"").contentType("text/html; charset=utf-8")
                .result(dev.vigil.report.ReportWriter.html(result));
    }

    private void report(Context ctx) {
        ctx.json(s.store().read(h -> {
            Map<String, Object> snap = latestSnapshot(h);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("generated", java.time.Instant.now().toString());
            m.put("evidence_until", snap.get("at"));
            m.put("devices", h.createQuery("SELECT COUNT(*) FROM devices").mapTo(Long.class).one());
            m.put("tiers", snap.get("tiers"));
            m.put("risk_levels", snap.get("risk_levels"));
            m.put("risk_matrix", snap.get("risk_matrix"));
            m.put("metrics", snap.get("metrics"));
            m.put("alerts", lifecycle(h));
            m.put("plan", snap.get("plan"));
            m.put("top_risk", h.createQuery("SELECT id, ip, vendor, type, risk, risk_level, trust, tier FROM devices "
                    + "WHERE risk IS NOT NULL ORDER BY risk DESC, id LIMIT 10").mapToMap().list());
            return m;
        }));
    }
}
