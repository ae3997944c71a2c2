package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.intel.IntelStore;
import dev.vigil.detect.trust.TrustConfig;
import dev.vigil.engine.testing.TestData;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document against the running service: every route of the code is in it, every
 * operation documents the schema of what it answers, and every operation, called on real data,
 * answers what its schema says (errors included).
 */
class OpenApiTest {

    @TempDir
    static Path tmp;

    static TestServer ts;
    static TestServer.Client admin;
    static JsonNode spec;
    static final Set<String> checked = new TreeSet<>();

    @BeforeAll
    static void start() throws Exception {
        IntelStore intel = new IntelStore(tmp.resolve("intel"));
        intel.importFile(TestData.repoRoot().resolve("vigil-server/src/test/resources/intel/CVE-2016-6210.json"), null);
        ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of(TestData.capture("vigil-netns-botnet.pcap"),
                TestData.capture("ndpi-telnet.pcap"), TestData.capture("ndpi-ssh.pcap")))
                .withAnalysis(AnalysisConfig.defaults().withIntel(intel), TrustConfig.defaults())).settle();
        admin = ts.admin();
        spec = TestServer.JSON.readTree(TestData.repoRoot().resolve("vigil-server/src/main/resources/openapi.json").toFile());
    }

    @AfterAll
    static void stop() {
        if (ts != null) {
            ts.close();
        }
    }

    /** The schema of an operation's answer with this status, resolved against the document's components. */
    private static JsonSchema schema(String method, String template, int status, String contentType) {
        JsonNode op = spec.at("/paths/" + template.replace("~", "~0").replace("/", "~1") + "/" + method.toLowerCase(Locale.ROOT));
        assertThat(op.isMissingNode()).as(method + " " + template + " is documented").isFalse();
        JsonNode r = op.at("/responses/" + status);
        if (r.has("$ref")) {
            r = spec.at(r.get("$ref").asText().substring(1));
        }
        assertThat(r.isMissingNode()).as(method + " " + template + " documents status " + status).isFalse();
        JsonNode s = r.at("/content/" + contentType.replace("/", "~1") + "/schema");
        assertThat(s.isMissingNode()).as(method + " " + template + " " + status + " documents " + contentType).isFalse();
        ObjectNode root = s.deepCopy();
        root.set("components", spec.get("components"));
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
    }

    /** Checks an answer against the document and returns it. */
    private static TestServer.Answer check(String method, String template, TestServer.Answer a) {
        String type = a.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
        JsonSchema s = schema(method, template, a.status(), type);
        if (type.equals("application/json")) {
            Set<ValidationMessage> errors = s.validate(a.json());
            assertThat(errors).as(method + " " + template + " (" + a.status() + "): " + a.text().substring(0, Math.min(300, a.text().length())))
                    .isEmpty();
        }
        if (a.status() < 300) {
            checked.add(method.toUpperCase(Locale.ROOT) + " " + template);
        }
        return a;
    }

    private static TestServer.Answer get(String template, String path) throws Exception {
        return check("get", template, admin.get(path));
    }

    private static TestServer.Answer call(String method, String template, String path, Object body) throws Exception {
        return check(method, template, admin.call(method.toUpperCase(Locale.ROOT), path, body));
    }

    @Test
    void everyOperationAnswersWhatItsSchemaSays() throws Exception {
        String device = get("/api/devices", "/api/devices?limit=1000").json().get("items").get(0).get("id").asText();
        String enc = java.net.URLEncoder.encode(device, "UTF-8");
        for (String p : List.of("/api/me", "/api/openapi.json", "/api/devices/facets", "/api/findings", "/api/alerts",
                "/api/alerts/facets", "/api/vulnerabilities", "/api/trust", "/api/risk", "/api/metrics", "/api/metrics/history",
                "/api/graph", "/api/report", "/api/ingest", "/api/users", "/api/tokens", "/api/audit", "/api/audit/verify",
                "/api/devices.csv", "/api/alerts.csv", "/api/report.html", "/api/devices/changes", "/api/findings/changes",
                "/api/findings.csv")) {
            get(p, p);
        }
        assertThat(admin.get("/api/vulnerabilities").json().get("items")).isNotEmpty();
        for (String p : List.of("/api/devices/{id}", "/api/devices/{id}/trust", "/api/devices/{id}/traffic",
                "/api/devices/{id}/timeline")) {
            get(p, p.replace("{id}", enc));
        }
        JsonNode snapshots = get("/api/inventory/snapshots", "/api/inventory/snapshots").json();
        get("/api/inventory/diff", "/api/inventory/diff?from=" + snapshots.get(snapshots.size() - 1).get("at").asText());
        check("get", "/api/inventory/diff", admin.get("/api/inventory/diff?from=1970-01-01"));
        String finding = admin.get("/api/findings").json().get("items").get(0).get("id").asText();
        get("/api/findings/{id}", "/api/findings/" + finding);
        get("/api/findings/{id}/packets.pcap", "/api/findings/no-such/packets.pcap");
        List<String> alerts = admin.get("/api/alerts?limit=1000").json().findValuesAsText("id");
        String alert = alerts.get(0);
        get("/api/alerts/{id}", "/api/alerts/" + alert);
        for (String a : alerts) {
            if (!admin.get("/api/alerts/" + a).json().get("packets").isNull()) {
                get("/api/alerts/{id}/packets.pcap", "/api/alerts/" + a + "/packets.pcap");
                String f = admin.get("/api/alerts/" + a).json().get("alert").get("finding_id").asText();
                get("/api/findings/{id}/packets.pcap", "/api/findings/" + f + "/packets.pcap");
                break;
            }
        }
        call("post", "/api/alerts/{id}/comment", "/api/alerts/" + alert + "/comment", Map.of("text", "looked"));
        call("post", "/api/alerts/{id}/ack", "/api/alerts/" + alert + "/ack", Map.of());
        call("post", "/api/alerts/{id}/ack", "/api/alerts/" + alert + "/ack", Map.of()); // 409, an Error
        call("post", "/api/alerts/{id}/assign", "/api/alerts/" + alert + "/assign", Map.of("assignee", "admin"));
        call("post", "/api/alerts/{id}/resolve", "/api/alerts/" + alert + "/resolve", Map.of());
        call("post", "/api/alerts/{id}/reopen", "/api/alerts/" + alert + "/reopen", Map.of());
        call("post", "/api/alerts/bulk", "/api/alerts/bulk", Map.of("ids", alerts, "action", "resolve"));
        call("patch", "/api/devices/{id}", "/api/devices/" + enc, Map.of("zone", "lab", "owner", "Fox Mulder"));
        check("post", "/api/devices.csv", admin.raw("POST", "/api/devices.csv", "id,location\n" + device + ",lab\n", "text/csv"));
        call("post", "/api/users", "/api/users", Map.of("username", "carol", "role", "analyst"));
        call("post", "/api/users/{name}/reset", "/api/users/carol/reset", null);
        call("delete", "/api/users/{name}", "/api/users/carol", null);
        call("post", "/api/tokens", "/api/tokens", Map.of("name", "siem", "role", "viewer"));
        call("delete", "/api/tokens/{name}", "/api/tokens/siem", null);
        call("post", "/api/keys/rotate", "/api/keys/rotate", null);
        call("post", "/api/keys/rotate-master", "/api/keys/rotate-master", null);
        call("post", "/api/retention", "/api/retention", null);

        // segmentation: a draft kept (and a bad one refused), simulated, learned, approved, asked, the queue
        check("post", "/api/policy/revisions", admin.post("/api/policy/revisions", Map.of("file", "bad.policy", "text",
                "policy bad\nallow x: nowhere -> any tcp/1\n")));
        String rev = call("post", "/api/policy/revisions", "/api/policy/revisions", Map.of("file", "api.policy", "text",
                "policy api\ndefault allow\nzone lab subnet=192.168.77.0/24\nallow web: lab -> any tcp/80,443\n"))
                .json().get("revision").asText();
        get("/api/policy/revisions/{rev}", "/api/policy/revisions/" + rev);
        check("get", "/api/policy/matrix", admin.get("/api/policy/matrix"));
        call("post", "/api/policy/revisions/{rev}/simulate", "/api/policy/revisions/" + rev + "/simulate", Map.of());
        call("post", "/api/policy/learn", "/api/policy/learn", Map.of());
        ts.stepUp(admin);
        call("post", "/api/policy/revisions/{rev}/approve", "/api/policy/revisions/" + rev + "/approve", Map.of());
        get("/api/policy", "/api/policy");
        get("/api/policy/matrix", "/api/policy/matrix");
        call("post", "/api/policy/decide", "/api/policy/decide", Map.of("src", "192.168.77.10", "dst", "203.0.113.50", "proto",
                "tcp", "port", 80));
        get("/api/policy/decisions", "/api/policy/decisions");
        get("/api/quarantine", "/api/quarantine?state=active");
        List<String> held = admin.get("/api/quarantine").json().get("items").findValuesAsText("device");
        List<String> two = admin.get("/api/devices?limit=100").json().get("items").findValuesAsText("id").stream()
                .filter(x -> !held.contains(x)).limit(2).toList();
        String q = call("post", "/api/quarantine", "/api/quarantine", Map.of("device", two.get(0), "reason", "api check",
                "approval", true)).json().get("id").asText();
        String r = call("post", "/api/quarantine", "/api/quarantine", Map.of("device", two.get(1), "reason", "api check",
                "approval", true)).json().get("id").asText();
        call("post", "/api/quarantine/{id}/approve", "/api/quarantine/" + q + "/approve", Map.of());
        call("post", "/api/quarantine/{id}/approve", "/api/quarantine/" + q + "/approve", Map.of()); // 409, not pending
        call("post", "/api/quarantine/{id}/reject", "/api/quarantine/" + r + "/reject", Map.of("reason", "not needed"));
        call("post", "/api/quarantine/{id}/release", "/api/quarantine/" + q + "/release", Map.of("reason", "checked"));

        // errors are the Error schema too: a route that does not exist, a filter value that cannot be
        TestServer.Answer none = admin.get("/api/no-such-route");
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("error").asText()).isEqualTo("no such route: GET /api/no-such-route");
        assertThat(schema("get", "/api/devices", 400, "application/json").validate(admin.get("/api/devices?tier=gold").json())).isEmpty();
        assertThat(schema("get", "/api/devices", 400, "application/json").validate(none.json())).isEmpty();
        TestServer.Answer wrongMethod = admin.call("PUT", "/api/devices", "{}");
        assertThat(wrongMethod.status()).isIn(404, 405);
        assertThat(wrongMethod.json().get("error").asText()).isNotBlank();

        call("delete", "/api/devices/{id}", "/api/devices/" + enc, null);

        // a session of its own: sign in, enrol a new second factor, change the password, sign out
        TestServer.Client me = ts.anonymous();
        TestServer.Answer login = check("post", "/api/login", me.post("/api/login", Map.of("username", "admin", "password",
                TestServer.ADMIN_PASSWORD, "code", ts.adminCode())));
        me.csrf = login.json().get("csrf").asText();
        check("post", "/api/me/reauth", me.post("/api/me/reauth", Map.of("password", TestServer.ADMIN_PASSWORD,
                "code", ts.adminCode())));
        check("get", "/api/settings/sign-in", me.get("/api/settings/sign-in"));
        check("post", "/api/settings/sign-in", me.post("/api/settings/sign-in", Map.of("second_factor_required_from", "admin")));
        String secret = check("post", "/api/me/totp", me.post("/api/me/totp", null)).json().get("secret").asText();
        TestServer.Answer confirmed = check("post", "/api/me/totp/confirm", me.post("/api/me/totp/confirm", Map.of("code",
                ts.adminCode(secret))));
        assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(200);
        if (confirmed.json().has("csrf")) {
            me.csrf = confirmed.json().get("csrf").asText();
        }
        check("post", "/api/me/password", me.post("/api/me/password", Map.of("current", TestServer.ADMIN_PASSWORD,
                "next", "another long test passphrase 2026")));
        check("post", "/api/logout", me.post("/api/logout", null));

        // every documented operation was called and answered as documented
        Set<String> documented = new TreeSet<>();
        spec.get("paths").fieldNames().forEachRemaining(p -> spec.get("paths").get(p).fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p)));
        assertThat(checked).containsExactlyElementsOf(documented);
    }

    @Test
    void everyRouteOfTheCodeIsDocumentedWithTheSchemaOfItsAnswer() {
        // the routes the running service registered, every resource's
        Set<String> routes = new TreeSet<>(ts.server.routes().stream().filter(r -> r.path().startsWith("/api/"))
                .map(r -> r.method() + " " + r.path()).toList());
        assertThat(routes).hasSizeGreaterThan(45);
        for (String r : routes) {
            String[] mp = r.split(" ");
            JsonNode op = spec.at("/paths/" + mp[1].replace("/", "~1") + "/" + mp[0].toLowerCase(Locale.ROOT));
            assertThat(op.isMissingNode()).as(r + " is documented").isFalse();
            JsonNode ok = op.get("responses").has("201") ? op.get("responses").get("201") : op.get("responses").get("200");
            assertThat(ok).as(r + " documents its answer").isNotNull();
            ok.get("content").forEach(c -> assertThat(c.has("schema")).as(r + " has a schema").isTrue());
        }
    }
}
