package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.engine.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The API end to end on a real server, a real SQLite store and real captures. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiTest {

    @TempDir
    static Path tmp;

    static TestServer ts;
    static TestServer.Client admin;
    static String viewer;
    static String analyst;

    @BeforeAll
    static void start() throws Exception {
        ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of(TestData.capture("vigil-netns-botnet.pcap"),
                TestData.capture("ndpi-http-auth.pcap"), TestData.capture("ndpi-ssh.pcap")))).settle();
        admin = ts.admin();
        viewer = ts.newToken(admin, "dash", "viewer");
        analyst = ts.newToken(admin, "soar", "analyst");
    }

    @AfterAll
    static void stop() {
        if (ts != null) {
            ts.close();
        }
    }

    @Test
    @Order(1)
    void nothingWithoutAuthenticationButHealthAndTheLoginPage() throws Exception {
        TestServer.Client anon = ts.anonymous();
        assertThat(anon.get("/health").status()).isEqualTo(200);
        assertThat(anon.get("/health").json().get("status").asText()).isEqualTo("ready");
        assertThat(anon.get("/").status()).isEqualTo(200);
        assertThat(anon.get("/").text()).contains("Vigil");
        for (String p : List.of("/api/devices", "/api/alerts", "/api/findings", "/api/metrics", "/api/users", "/api/audit",
                "/api/openapi.json", "/api/devices.csv", "/api/no-such-route", "/api/devices/x/trust")) {
            TestServer.Answer a = anon.get(p);
            assertThat(a.status()).as(p).isEqualTo(401);
            assertThat(a.json().get("error").asText()).isEqualTo("authentication required");
        }
        assertThat(anon.call("DELETE", "/api/devices/x", null).status()).isEqualTo(401);
        assertThat(anon.get("/metrics").status()).isEqualTo(401);
        assertThat(ts.token("vgl_not-a-token").get("/api/devices").status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void cookieIsHttpOnlySecureStrictAndChangesNeedTheCsrfToken() throws Exception {
        TestServer.Client c = ts.anonymous();
        TestServer.Answer a = c.call("POST", "/api/login", Map.of("username", "admin", "password", TestServer.ADMIN_PASSWORD,
                "code", ts.adminCode()));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        String cookie = a.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("Secure").contains("SameSite=Strict");
        TestServer.Client noCsrf = c.withoutCsrf();
        assertThat(noCsrf.get("/api/devices").status()).isEqualTo(200);
        TestServer.Answer refused = noCsrf.call("PATCH", "/api/devices/x", Map.of("location", "lab"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("error").asText()).contains("CSRF");
        // an admin without the second factor does not get in
        TestServer.Answer noCode = ts.anonymous().post("/api/login", Map.of("username", "admin", "password", TestServer.ADMIN_PASSWORD));
        assertThat(noCode.status()).isEqualTo(401);
        assertThat(noCode.json().get("error").asText()).contains("one-time code");
    }

    @Test
    @Order(3)
    void inventoryPaginatesFiltersAndExplains() throws Exception {
        JsonNode all = admin.get("/api/devices?limit=1000").json();
        int total = all.get("total").asInt();
        assertThat(total).isGreaterThan(3);
        JsonNode page = admin.get("/api/devices?limit=2&offset=1").json();
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("items").get(0).get("id").asText()).isEqualTo(all.get("items").get(1).get("id").asText());
        String type = all.get("items").get(0).get("type").asText();
        JsonNode byType = admin.get("/api/devices?type=" + java.net.URLEncoder.encode(type, StandardCharsets.UTF_8)).json();
        assertThat(byType.get("items")).allSatisfy(d -> assertThat(d.get("type").asText()).isEqualTo(type));
        String ip = all.get("items").get(0).get("ip").asText();
        assertThat(admin.get("/api/devices?q=" + ip).json().get("items").get(0).get("ip").asText()).isEqualTo(ip);
        for (JsonNode d : all.get("items")) {
            assertThat(d.get("trust").isNumber()).isTrue();
            assertThat(d.get("tier").asText()).isIn("trusted", "restricted", "quarantined");
        }
        String id = all.get("items").get(0).get("id").asText();
        JsonNode one = admin.get("/api/devices/" + id).json();
        assertThat(one.get("assessment").get("trust").get("factors")).isNotEmpty();
        assertThat(one.get("device").get("evidence")).isNotNull();
        assertThat(admin.get("/api/devices/" + id + "/trust").json().get("history")).isNotEmpty();
        assertThat(admin.get("/api/devices/" + id + "/traffic").status()).isEqualTo(200);
        assertThat(admin.get("/api/devices/no-such").status()).isEqualTo(404);
        JsonNode findings = admin.get("/api/findings?severity=high&limit=500").json();
        assertThat(findings.get("items")).allSatisfy(f -> assertThat(f.get("finding").get("severity").asText()).isEqualTo("high"));
        assertThat(admin.get("/api/graph").json().get("edges")).isNotEmpty();
        assertThat(admin.get("/api/risk").json().get("plan")).isNotEmpty();
        assertThat(admin.get("/api/trust").json().get("distribution")).hasSize(10);
        assertThat(admin.get("/api/report").json().get("plan")).isNotEmpty();
        TestServer.Answer html = admin.get("/api/report.html");
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html.text()).contains("<html").contains(all.get("items").get(0).get("id").asText()).doesNotContain("/*VIGIL_DATA*/null");
        assertThat(admin.get("/api/metrics/history").json().get("items")).isNotEmpty();
    }

    @Test
    @Order(4)
    void badInputGetsAClear4xxNeverA500() throws Exception {
        TestServer.Client a = ts.token(analyst);
        String id = admin.get("/api/devices?limit=1").json().get("items").get(0).get("id").asText();
        List<TestServer.Answer> answers = new ArrayList<>();
        answers.add(a.get("/api/devices?limit=abc"));
        answers.add(a.get("/api/devices?limit=0"));
        answers.add(a.get("/api/devices?offset=-1"));
        answers.add(a.get("/api/devices?sort=nonsense"));
        answers.add(a.get("/api/alerts?status=weird"));
        answers.add(a.call("PATCH", "/api/devices/" + id, "{not json"));
        answers.add(a.call("PATCH", "/api/devices/" + id, "[1,2]"));
        answers.add(a.call("PATCH", "/api/devices/" + id, Map.of("trust", 100)));
        answers.add(a.call("PATCH", "/api/devices/" + id, Map.of("criticality", "extreme")));
        answers.add(a.call("PATCH", "/api/devices/" + id, Map.of("owner", 12)));
        answers.add(a.call("PATCH", "/api/devices/" + id, Map.of("tags", List.of("<script>"))));
        answers.add(a.call("PATCH", "/api/devices/" + id, Map.of("location", "x".repeat(5000))));
        answers.add(a.post("/api/alerts/nope/ack", null));
        answers.add(a.raw("POST", "/api/devices.csv", "\"unterminated", "text/csv"));
        for (TestServer.Answer x : answers) {
            assertThat(x.status()).as(x.text()).isBetween(400, 499);
            assertThat(x.json().get("error").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("at dev.");
        }
    }

    @Test
    @Order(5)
    void rolesAreEnforcedOnEveryRoute() throws Exception {
        TestServer.Client v = ts.token(viewer);
        TestServer.Client an = ts.token(analyst);
        String id = admin.get("/api/devices?limit=1").json().get("items").get(0).get("id").asText();
        assertThat(v.get("/api/devices").status()).isEqualTo(200);
        assertThat(v.get("/api/alerts").status()).isEqualTo(200);
        assertThat(v.call("PATCH", "/api/devices/" + id, Map.of("location", "lab")).status()).isEqualTo(403);
        assertThat(v.get("/api/users").status()).isEqualTo(403);
        assertThat(v.get("/api/audit").status()).isEqualTo(403);
        assertThat(an.call("PATCH", "/api/devices/" + id, Map.of("location", "lab")).status()).isEqualTo(200);
        assertThat(an.call("DELETE", "/api/devices/" + id, null).status()).isEqualTo(403);
        assertThat(an.post("/api/tokens", Map.of("name", "x", "role", "admin")).status()).isEqualTo(403);
        assertThat(an.post("/api/keys/rotate", null).status()).isEqualTo(403);
        TestServer.Answer users = admin.post("/api/users", Map.of("username", "bob", "role", "analyst"));
        assertThat(users.status()).isEqualTo(201);
        assertThat(users.json().get("one_time_password").asText()).hasSizeGreaterThanOrEqualTo(16);
        // a new user must change the one-time password before anything else
        TestServer.Client bob = ts.anonymous();
        TestServer.Answer l = bob.post("/api/login", Map.of("username", "bob", "password", users.json().get("one_time_password").asText()));
        assertThat(l.json().get("password_change_required").asBoolean()).isTrue();
        assertThat(bob.get("/api/devices").status()).isEqualTo(403);
        assertThat(bob.get("/api/me").status()).isEqualTo(200);
        // an admin resets bob (new one-time password, old sessions end), then deletes him
        TestServer.Answer reset = admin.post("/api/users/bob/reset", null);
        assertThat(reset.json().get("one_time_password").asText()).isNotEqualTo(users.json().get("one_time_password").asText());
        assertThat(bob.get("/api/me").status()).isEqualTo(401);
        assertThat(admin.call("DELETE", "/api/users/admin", null).status()).isEqualTo(400);
        assertThat(admin.call("DELETE", "/api/users/bob", null).status()).isEqualTo(200);
        assertThat(admin.call("DELETE", "/api/users/bob", null).status()).isEqualTo(404);
        assertThat(ts.anonymous().post("/api/login", Map.of("username", "bob", "password",
                reset.json().get("one_time_password").asText())).status()).isEqualTo(401);
        // a token has no password or second factor of its own
        assertThat(v.post("/api/me/password", Map.of("current", "x", "next", "y")).status()).isEqualTo(400);
        assertThat(v.post("/api/me/totp", null).status()).isEqualTo(400);
        // starting a new TOTP enrolment does not turn off the second factor in use
        assertThat(admin.post("/api/me/totp", null).status()).isEqualTo(200);
        assertThat(ts.anonymous().post("/api/login", Map.of("username", "admin", "password", TestServer.ADMIN_PASSWORD))
                .json().get("error").asText()).contains("one-time code");
        // metrics for Prometheus with a token
        TestServer.Answer prom = v.get("/metrics");
        assertThat(prom.status()).isEqualTo(200);
        assertThat(prom.text()).contains("vigil_ingest_packets").contains("vigil_ingest_dropped");
    }

    @Test
    @Order(6)
    void alertLifecycleGivesMeanTimeToRespondAndIsAudited() throws Exception {
        JsonNode open = admin.get("/api/alerts?status=open").json();
        assertThat(open.get("total").asInt()).isGreaterThan(0);
        String id = open.get("items").get(0).get("id").asText();
        TestServer.Client an = ts.token(analyst);
        assertThat(an.post("/api/alerts/" + id + "/ack", Map.of("comment", "looking")).status()).isEqualTo(200);
        assertThat(an.post("/api/alerts/" + id + "/ack", null).status()).isEqualTo(409);
        assertThat(an.post("/api/alerts/" + id + "/assign", Map.of("assignee", "admin")).status()).isEqualTo(200);
        assertThat(an.post("/api/alerts/" + id + "/assign", Map.of("assignee", "nobody")).status()).isEqualTo(400);
        assertThat(an.post("/api/alerts/" + id + "/comment", Map.of("text", "isolated the port")).status()).isEqualTo(200);
        TestServer.Answer r = an.post("/api/alerts/" + id + "/resolve", Map.of("comment", "reimaged"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("alert").get("status").asText()).isEqualTo("resolved");
        assertThat(r.json().get("alert").get("assignee").asText()).isEqualTo("admin");
        assertThat(r.json().get("comments")).hasSize(3);
        assertThat(r.json().get("finding").get("finding").get("evidence")).isNotEmpty();
        JsonNode m = admin.get("/api/metrics").json();
        assertThat(m.get("alerts").get("resolved").asInt()).isEqualTo(1);
        assertThat(m.get("alerts").get("mean_time_to_respond_seconds").isNumber()).isTrue();
        assertThat(admin.get("/api/alerts?status=resolved").json().get("total").asInt()).isEqualTo(1);
        JsonNode audit = admin.get("/api/audit?limit=200").json().get("items");
        Set<String> actions = new HashSet<>();
        audit.forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).contains("login.success", "user.create", "token.create", "alert.ack", "alert.assign", "alert.comment",
                "alert.resolve", "device.edit", "password.change", "totp.enable");
        assertThat(admin.get("/api/audit/verify").json().get("ok").asBoolean()).isTrue();
    }

    @Test
    @Order(7)
    void csvExportAndImportRoundTrip() throws Exception {
        TestServer.Answer csv = admin.get("/api/devices.csv");
        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = csv.text().lines().toList();
        assertThat(lines.get(0)).startsWith("id,ip,mac,name,vendor,type");
        int devices = admin.get("/api/devices").json().get("total").asInt();
        assertThat(lines).hasSize(devices + 1);
        String id = admin.get("/api/devices?limit=1").json().get("items").get(0).get("id").asText();
        String ip = admin.get("/api/devices?limit=2").json().get("items").get(1).get("ip").asText();
        String body = "id,ip,owner,location,criticality,tags\n" + id + ",,Dr. Grace Hopper,Ward 3,critical,medical;safety\n"
                + ",," + ",nowhere,,\n" + "," + ip + ",Ops team,Plant 2,high,industrial\n" + "nope,,x,y,low,\n";
        TestServer.Answer imp = ts.token(analyst).raw("POST", "/api/devices.csv", body, "text/csv");
        assertThat(imp.status()).as(imp.text()).isEqualTo(200);
        assertThat(imp.json().get("updated").asInt()).isEqualTo(2);
        assertThat(imp.json().get("refused")).hasSize(2);
        JsonNode d = admin.get("/api/devices/" + id).json();
        assertThat(d.get("owner").asText()).isEqualTo("Dr. Grace Hopper");
        assertThat(d.get("criticality").asText()).isEqualTo("critical");
        assertThat(d.get("tags")).hasSize(2);
        // owners are encrypted, yet searchable by exact value through their token
        JsonNode byOwner = admin.get("/api/devices?owner=" + java.net.URLEncoder.encode("dr. grace hopper", StandardCharsets.UTF_8)).json();
        assertThat(byOwner.get("total").asInt()).isEqualTo(1);
        assertThat(admin.get("/api/devices.csv").text()).contains("Dr. Grace Hopper");
    }

    @Test
    @Order(8)
    void sensitiveFieldsAreNotInTheDatabaseFileAndKeysRotate() throws Exception {
        String id = admin.get("/api/devices?limit=1").json().get("items").get(0).get("id").asText();
        assertThat(admin.call("PATCH", "/api/devices/" + id, Map.of("owner", "Plaintext Owner Zebra", "contact",
                "zebra@example.org")).status()).isEqualTo(200);
        // the HTTP Basic credential of ndpi-http-auth.pcap is stored, but only encrypted
        JsonNode creds = admin.get("/api/findings?type=credentials.cleartext.http_basic&limit=10").json();
        assertThat(creds.get("total").asInt()).as("HTTP Basic credential finding").isGreaterThan(0);
        String rawCreds = ts.server.store().read(h -> h.createQuery("SELECT data FROM findings WHERE type LIKE 'credentials.%' LIMIT 1")
                .mapTo(String.class).one());
        assertThat(rawCreds).startsWith("v1:");
        byte[] db = readStore();
        for (String secret : List.of("Plaintext Owner Zebra", "zebra@example.org", "Grace Hopper")) {
            assertThat(new String(db, StandardCharsets.ISO_8859_1)).as(secret).doesNotContain(secret);
        }
        String before = ts.server.vault().activeKey();
        JsonNode rot = admin.post("/api/keys/rotate", null).json();
        assertThat(rot.get("active_key").asText()).isNotEqualTo(before);
        assertThat(rot.get("reencrypted").asLong()).isGreaterThan(0);
        assertThat(rot.get("retired")).extracting(JsonNode::asText).contains(before);
        assertThat(admin.get("/api/devices/" + id).json().get("owner").asText()).isEqualTo("Plaintext Owner Zebra");
        assertThat(admin.get("/api/findings?type=credentials.cleartext.http_basic").json().get("items").get(0).get("finding")
                .get("evidence")).isNotEmpty();
        long old = ts.server.store().read(h -> h.createQuery("SELECT COUNT(*) FROM devices WHERE owner_enc LIKE :p")
                .bind("p", "v1:" + before + ":%").mapTo(Long.class).one());
        assertThat(old).isZero();
        // the master key too: a new key file, the data keys re-wrapped, everything still readable
        String keyBefore = Files.readString(tmp.resolve("data/master.key"));
        assertThat(admin.post("/api/keys/rotate-master", null).status()).isEqualTo(200);
        assertThat(Files.readString(tmp.resolve("data/master.key"))).isNotEqualTo(keyBefore);
        assertThat(admin.get("/api/devices/" + id).json().get("owner").asText()).isEqualTo("Plaintext Owner Zebra");
        assertThat(ts.token(analyst).post("/api/keys/rotate-master", null).status()).isEqualTo(403);
    }

    static byte[] readStore() throws Exception {
        Path dir = tmp.resolve("data");
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().startsWith("vigil.db")).toList()) {
                all.write(Files.readAllBytes(p));
            }
        }
        return all.toByteArray();
    }

    @Test
    @Order(9)
    void deletingADeviceRemovesItsDataAndRetentionPrunes() throws Exception {
        JsonNode alerts = admin.get("/api/alerts?limit=1").json();
        String id = alerts.get("items").get(0).get("device_id").asText();
        assertThat(ts.token(analyst).call("DELETE", "/api/devices/" + id, null).status()).isEqualTo(403);
        assertThat(admin.call("DELETE", "/api/devices/" + id, null).status()).isEqualTo(200);
        assertThat(admin.get("/api/devices/" + id).status()).isEqualTo(404);
        assertThat(admin.get("/api/alerts?device=" + id).json().get("total").asInt()).isZero();
        assertThat(admin.get("/api/findings?device=" + id).json().get("total").asInt()).isZero();
        long history = ts.server.store().read(h -> h.createQuery("SELECT COUNT(*) FROM trust_history WHERE device_id = :d")
                .bind("d", id).mapTo(Long.class).one());
        assertThat(history).isZero();
        assertThat(admin.call("DELETE", "/api/devices/" + id, null).status()).isEqualTo(404);
        // retention: what was last written long ago goes; the rest stays
        long edges = ts.server.store().read(h -> h.createQuery("SELECT COUNT(*) FROM edges").mapTo(Long.class).one());
        ts.server.store().write(h -> h.createUpdate("UPDATE edges SET updated = 0 WHERE src IN (SELECT src FROM edges LIMIT 3)").execute());
        JsonNode pruned = admin.post("/api/retention", null).json();
        assertThat(pruned.get("edges").asInt()).isGreaterThan(0);
        long after = ts.server.store().read(h -> h.createQuery("SELECT COUNT(*) FROM edges").mapTo(Long.class).one());
        assertThat(after).isEqualTo(edges - pruned.get("edges").asInt());
        assertThat(admin.get("/api/audit/verify").json().get("ok").asBoolean()).isTrue();
    }

    @Test
    @Order(10)
    void auditTamperingIsDetected() throws Exception {
        ts.server.store().write(h -> h.createUpdate("UPDATE audit SET actor = 'mallory' WHERE seq = 2").execute());
        JsonNode v = admin.get("/api/audit/verify").json();
        assertThat(v.get("ok").asBoolean()).isFalse();
        assertThat(v.get("broken_at").asLong()).isEqualTo(2);
    }

    @Test
    @Order(11)
    void openApiDescribesEveryRoute() throws Exception {
        JsonNode spec = admin.get("/api/openapi.json").json();
        assertThat(spec.get("openapi").asText()).startsWith("3.");
        Set<String> documented = new HashSet<>();
        spec.get("paths").fieldNames().forEachRemaining(p -> spec.get("paths").get(p).fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + p)));
        List<VigilServer.Route> api = ts.server.routes().stream().filter(r -> r.path().startsWith("/api/")).toList();
        Set<String> routes = new HashSet<>(api.stream().map(r -> r.method() + " " + r.path()).toList());
        assertThat(routes).hasSizeGreaterThan(30);
        assertThat(documented).containsAll(routes);
        // and every route but the sign-in names the least role it needs
        for (VigilServer.Route r : api) {
            if (!r.path().equals("/api/login")) {
                assertThat(r.roles()).as(r.method() + " " + r.path()).isNotEmpty().isSubsetOf("viewer", "analyst", "admin");
            }
        }
    }
}
