package dev.vigil.server.api.policy;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import dev.vigil.detect.segmentation.Decision;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyException;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.net.Ip;
import dev.vigil.enforce.EnforcementException;
import dev.vigil.server.api.ApiError;
import dev.vigil.server.api.Caller;
import dev.vigil.server.api.Envelope;
import dev.vigil.server.api.Params;
import dev.vigil.server.auth.Auth;
import dev.vigil.server.auth.Role;
import dev.vigil.server.policy.DecisionPoint;
import dev.vigil.server.policy.Quarantines;
import dev.vigil.server.policy.Segmentation;
import dev.vigil.server.policy.StoreSimulation;
import dev.vigil.store.devices.DeviceStore;
import dev.vigil.store.policy.PolicyStore;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Segmentation through the API: policy revisions (kept, simulated against the stored flows, approved
 * by a person who re-authenticated), the zone matrix of real flows, the policy decision point with
 * its log, and the quarantine queue (request, approve, reject, release).
 */
public final class PolicyRoutes implements EndpointGroup {

    /** Quarantines the queue pages through at most. */
    static final int MAX_LISTED = 100_000;

    /** The largest policy file taken (the parser's own limits apply too). */
    static final int MAX_POLICY_CHARS = 1_000_000;

    private static final Set<String> STATES = Set.of(Quarantines.PENDING, Quarantines.ACTIVE, Quarantines.REJECTED,
            Quarantines.RELEASED, Quarantines.EXPIRED, Quarantines.FAILED);

    private final Segmentation seg;
    private final PolicyStore store;
    private final DeviceStore devices;
    private final Auth auth;

    public PolicyRoutes(Segmentation seg, PolicyStore store, DeviceStore devices, Auth auth) {
        this.seg = seg;
        this.store = store;
        this.devices = devices;
        this.auth = auth;
    }

    @Override
    public void addEndpoints() {
        path("policy", () -> {
            get(this::overview, Role.VIEWER);
            post("revisions", this::submit, Role.ADMIN);
            post("learn", this::learn, Role.ADMIN);
            get("revisions/{rev}", ctx -> ctx.json(row(ctx.pathParam("rev"))), Role.VIEWER);
            post("revisions/{rev}/simulate", this::simulate, Role.VIEWER);
            post("revisions/{rev}/approve", this::approve, Role.ADMIN);
            get("matrix", this::matrix, Role.VIEWER);
            post("decide", this::decide, Role.VIEWER);
            get("decisions", this::decisions, Role.VIEWER);
        });
        path("quarantine", () -> {
            get(this::queue, Role.VIEWER);
            post(this::request, Role.ANALYST);
            post("{id}/approve", ctx -> ctx.json(act(ctx, "approve")), Role.ADMIN);
            post("{id}/reject", ctx -> ctx.json(act(ctx, "reject")), Role.ADMIN);
            post("{id}/release", ctx -> ctx.json(act(ctx, "release")), Role.ADMIN);
        });
    }

    private void overview(Context ctx) {
        Map<String, Object> m = new LinkedHashMap<>();
        Policy p = seg.inForce();
        m.put("in_force", p == null ? null : store.revision(p.revision()).orElse(null));
        m.put("enforcement_point", seg.describeTarget());
        m.put("enforcement", seg.enforcement());
        m.put("radius", seg.switches() == null ? null : seg.switches().status());
        m.put("quarantine_approval", p == null ? List.of() : p.quarantine().approval());
        m.put("mud", seg.mud() == null ? null : seg.mud().results());
        m.put("pending", store.quarantines(List.of(Quarantines.PENDING), 1_000).size());
        m.put("active", store.quarantines(List.of(Quarantines.ACTIVE), 1_000).size());
        m.put("revisions", store.revisions(50).stream().map(r -> new PolicyStore.RevisionRow(r.revision(), r.name(), null,
                r.author(), r.created(), r.state(), r.approvedBy(), r.approvedAt())).toList());
        ctx.json(m);
    }

    private PolicyStore.RevisionRow row(String rev) {
        return store.revision(rev).orElseThrow(() -> new NoSuchElementException("no policy revision " + rev));
    }

    private Policy policy(String rev) {
        row(rev);
        try {
            return seg.revision(rev).orElseThrow();
        } catch (PolicyException e) {
            throw new ApiError(409, "revision " + rev + " no longer reads: " + e.getMessage());
        }
    }

    /** A policy file as text/plain, or JSON {"file": NAME, "text": TEXT}. */
    private void submit(Context ctx) {
        String file = "policy";
        String text;
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (type.startsWith("application/json")) {
            Map<String, Object> body = Params.body(ctx);
            text = Params.required(body, "text", MAX_POLICY_CHARS);
            String f = Params.field(body, "file", 128);
            file = f == null || f.isBlank() ? file : f;
        } else {
            text = ctx.body();
        }
        if (text == null || text.isBlank()) {
            throw new ApiError(400, "the body must hold a policy file (docs/policy.md)");
        }
        if (text.length() > MAX_POLICY_CHARS) {
            throw new ApiError(413, "a policy file is at most " + MAX_POLICY_CHARS + " characters");
        }
        try {
            Segmentation.Submitted s = seg.submit(file, text, Caller.name(ctx));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("revision", s.revision());
            m.put("name", s.name());
            m.put("created", s.created());
            m.put("zones", s.policy().zones().keySet());
            m.put("rules", s.policy().rules().size());
            ctx.status(s.created() ? 201 : 200).json(m);
        } catch (PolicyException e) {
            throw new ApiError(400, e.getMessage());
        }
    }

    /** Learns a draft from the stored flows of a period: {since?, until?} → the draft's revision and each device's MUD file. */
    private void learn(Context ctx) {
        try {
            Map<String, Object> body = Params.body(ctx);
            String until = Params.field(body, "until", 64);
            dev.vigil.server.policy.StoreLearning.Learned l = seg.learn(since(body), until == null ? Long.MAX_VALUE
                    : millis(until, "until"), Caller.name(ctx));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("revision", l.draft().revision());
            m.put("name", l.draft().name());
            m.put("created", l.draft().created());
            m.put("flows", l.flows());
            m.put("devices", l.mud().size());
            m.put("models", l.models());
            m.put("rules", l.draft().policy().rules().size());
            Map<String, Object> mud = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : l.mud().entrySet()) {
                mud.put(e.getKey(), dev.vigil.server.json.Json.MAPPER.readTree(e.getValue()));
            }
            m.put("mud", mud);
            ctx.status(l.draft().created() ? 201 : 200).json(m);
        } catch (PolicyException e) {
            throw new ApiError(409, e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void simulate(Context ctx) {
        Policy p = policy(ctx.pathParam("rev"));
        ctx.json(StoreSimulation.run(seg, store, p, since(Params.body(ctx))));
    }

    private void approve(Context ctx) {
        auth.requireStepUp(Caller.of(ctx), false);
        String rev = ctx.pathParam("rev");
        row(rev);
        try {
            String applied = seg.approve(rev, Caller.name(ctx));
            ctx.json(Map.of("revision", rev, "state", "approved", "enforcement", applied));
        } catch (PolicyException e) {
            throw new ApiError(409, e.getMessage());
        } catch (EnforcementException e) {
            throw new ApiError(502, "not approved, the ruleset before stays in force: " + e.getMessage());
        }
    }

    private void matrix(Context ctx) {
        String rev = Params.str(ctx, "revision");
        Policy p = rev != null ? policy(rev) : seg.inForce();
        if (p == null) {
            throw new ApiError(409, "no policy is in force: name a revision (?revision=…)");
        }
        String since = Params.str(ctx, "since");
        ctx.json(StoreSimulation.matrix(seg, store, p, since == null ? 0 : millis(since, "since")));
    }

    /** The policy decision point: {src, dst, proto, port, at} → the decision, its rule, its trace, logged. */
    private void decide(Context ctx) {
        Map<String, Object> b = Params.body(ctx);
        Ip src = ip(Params.required(b, "src", 64), "src");
        Ip dst = ip(Params.required(b, "dst", 64), "dst");
        int proto = proto(Params.field(b, "proto", 16));
        Integer port = Params.integer(b, "port");
        if (port != null && (port < 0 || port > 65535)) {
            throw new ApiError(400, "'port' must be 0..65535");
        }
        String at = Params.field(b, "at", 64);
        long atNanos = at == null ? System.currentTimeMillis() * 1_000_000L : millis(at, "at") * 1_000_000L;
        DecisionPoint.Answer a = DecisionPoint.decide(seg, store, src, dst, proto, port == null ? 0 : port, atNanos,
                Caller.name(ctx), System.currentTimeMillis());
        if (a == null) {
            throw new ApiError(409, "no policy is in force: approve a revision first");
        }
        Decision d = a.decision();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decision_id", a.id());
        m.put("decision", d.verdict());
        m.put("rule", d.rule());
        m.put("reason", d.reason());
        m.put("trace", d.trace());
        m.put("policy", a.policy());
        m.put("revision", d.revision());
        m.put("source", d.source());
        m.put("destination", d.destination());
        m.put("at", a.at());
        ctx.json(m);
    }

    private void decisions(Context ctx) {
        String before = Params.str(ctx, "before");
        long b;
        try {
            b = before == null ? Long.MAX_VALUE : Long.parseLong(before);
        } catch (NumberFormatException e) {
            throw new ApiError(400, "'before' must be a decision id");
        }
        int limit = Params.limit(ctx);
        int offset = Params.offset(ctx);
        ctx.json(new Envelope<>(store.decisions(limit, offset, b), store.decisionCount(b), limit, offset));
    }

    private void queue(Context ctx) {
        String state = Params.oneOf(ctx, "state", STATES);
        int limit = Params.limit(ctx);
        int offset = Params.offset(ctx);
        ctx.json(Envelope.slice(store.quarantines(state == null ? List.of() : List.of(state), MAX_LISTED).stream()
                .map(PolicyRoutes::view).toList(), limit, offset));
    }

    private void request(Context ctx) {
        Map<String, Object> b = Params.body(ctx);
        String key = Params.required(b, "device", 128);
        String reason = Params.required(b, "reason", 500);
        Object approval = b.get("approval");
        if (approval != null && !(approval instanceof Boolean)) {
            throw new ApiError(400, "'approval' must be true or false");
        }
        String id = devices.resolve(key).orElseThrow(() -> new NoSuchElementException("no device " + key));
        // an analyst proposes, an admin decides; an admin may ask for a second pair of eyes too
        boolean ask = Caller.of(ctx).role() != Role.ADMIN || Boolean.TRUE.equals(approval);
        try {
            ctx.status(201).json(view(seg.quarantines().request(id, reason, Caller.name(ctx), ask)));
        } catch (EnforcementException e) {
            throw new ApiError(502, e.getMessage());
        }
    }

    private Map<String, Object> act(Context ctx, String what) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new ApiError(400, "a quarantine is named by its number");
        }
        Map<String, Object> b = Params.body(ctx);
        String by = Caller.name(ctx);
        if (what.equals("release")) {
            // letting a quarantined device back needs a person who re-authenticated: a leaked token cannot
            auth.requireStepUp(Caller.of(ctx), false);
        }
        try {
            return view(switch (what) {
                case "approve" -> seg.quarantines().approve(id, by);
                case "reject" -> seg.quarantines().reject(id, by, Params.required(b, "reason", 500));
                default -> seg.quarantines().release(id, by, Params.required(b, "reason", 500));
            });
        } catch (EnforcementException e) {
            String m = e.getMessage();
            throw new ApiError(m.startsWith("no quarantine") ? 404 : m.contains(" is ") && (m.endsWith("not pending")
                    || m.endsWith("not in force")) ? 409 : 502, m);
        }
    }

    static Map<String, Object> view(PolicyStore.QuarantineRow r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("device", r.device());
        m.put("state", r.state());
        m.put("addresses", r.addresses().isEmpty() ? List.of() : List.of(r.addresses().split(",")));
        m.put("reason", r.reason());
        m.put("requested_by", r.requestedBy());
        m.put("requested", EventJson.time(r.requested()));
        m.put("from", r.state().equals(Quarantines.PENDING) ? null : EventJson.time(r.from()));
        m.put("until", r.until() == 0 ? null : EventJson.time(r.until()));
        m.put("offence", r.offence());
        m.put("decided_by", r.decidedBy());
        m.put("decided", r.decided() == 0 ? null : EventJson.time(r.decided()));
        m.put("outcome", r.outcome());
        return m;
    }

    private static long since(Map<String, Object> body) {
        String s = Params.field(body, "since", 64);
        return s == null ? 0 : millis(s, "since");
    }

    private static long millis(String iso, String name) {
        try {
            return java.time.OffsetDateTime.parse(iso).toInstant().toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new ApiError(400, "'" + name + "' must be an ISO-8601 time with its offset (2026-01-31T08:00:00Z), not '"
                    + iso + "'");
        }
    }

    private static Ip ip(String s, String name) {
        Ip ip = Ip.tryParse(s.trim());
        if (ip == null) {
            throw new ApiError(400, "'" + name + "' must be an IPv4 or IPv6 address, not '" + s + "'");
        }
        return ip;
    }

    /** tcp, udp, icmp, icmpv6, sctp or a protocol number (default tcp). */
    static int proto(String s) {
        if (s == null) {
            return 6;
        }
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "tcp" -> 6;
            case "udp" -> 17;
            case "icmp" -> 1;
            case "icmpv6" -> 58;
            case "sctp" -> 132;
            default -> {
                try {
                    int n = Integer.parseInt(s.trim());
                    if (n < 0 || n > 255) {
                        throw new NumberFormatException();
                    }
                    yield n;
                } catch (NumberFormatException e) {
                    throw new ApiError(400, "'proto' must be tcp, udp, icmp, icmpv6, sctp or 0..255, not '" + s + "'");
                }
            }
        };
    }
}
