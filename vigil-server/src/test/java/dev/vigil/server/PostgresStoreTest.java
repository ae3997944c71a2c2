package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.engine.testing.TestData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same migrations, ingestion and API on a real PostgreSQL server (the one scripts/start-postgres.sh
 * starts, or VIGIL_TEST_PG_URL), compared with SQLite on the same capture.
 */
class PostgresStoreTest {

    @TempDir
    Path tmp;

    static String env(String k, String d) {
        String v = System.getenv(k);
        return v == null || v.isBlank() ? d : v;
    }

    static final String URL = env("VIGIL_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/vigil_test");
    static final String USER = env("VIGIL_TEST_PG_USER", "vigil");
    static final String PASSWORD = env("VIGIL_TEST_PG_PASSWORD", "vigil-test");

    @Test
    void sameStoreOnPostgresqlAsOnSqlite() throws Exception {
        String schema = "t" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            assumeTrue(false, "skipped: no PostgreSQL at " + URL + " (" + e.getMessage().lines().findFirst().orElse("")
                    + "); ./test starts one when run as root");
        }
        String url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        List<Path> captures = List.of(TestData.capture("vigil-netns-botnet.pcap"), TestData.capture("ndpi-http-auth.pcap"));
        try {
            Snapshot pg;
            try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("pg"), captures).withDatabase(url, USER, PASSWORD))
                    .settle()) {
                assertThat(ts.server.store().sqlite()).isFalse();
                TestServer.Client admin = ts.admin();
                pg = snapshot(admin);
                // the lifecycle and encrypted fields work the same
                String alert = admin.get("/api/alerts?status=open").json().get("items").get(0).get("id").asText();
                assertThat(admin.post("/api/alerts/" + alert + "/resolve", Map.of("comment", "done")).status()).isEqualTo(200);
                assertThat(admin.get("/api/metrics").json().get("alerts").get("mean_time_to_respond_seconds").isNumber()).isTrue();
                String dev = admin.get("/api/devices?limit=1").json().get("items").get(0).get("id").asText();
                assertThat(admin.call("PATCH", "/api/devices/" + dev, Map.of("owner", "Ada", "tags", List.of("medical")))
                        .json().get("owner").asText()).isEqualTo("Ada");
                String raw = ts.server.store().read(h -> h.createQuery("SELECT owner_enc FROM devices WHERE id = :d").bind("d", dev)
                        .mapTo(String.class).one());
                assertThat(raw).startsWith("v1:").doesNotContain("Ada");
                // the filters, facets, bulk steps, CSV and kept packets run the same SQL on PostgreSQL
                assertThat(admin.call("PATCH", "/api/devices/" + dev, Map.of("zone", "Ward")).status()).isEqualTo(200);
                for (String q : List.of("owner=ada", "q=ada", "q=medical", "tag=medical", "zone=ward")) {
                    assertThat(admin.get("/api/devices?" + q).json().findValuesAsText("id")).as(q).containsExactly(dev);
                }
                assertThat(admin.get("/api/devices/facets").json().get("zones").get(0).get("value").asText()).isEqualTo("ward");
                assertThat(admin.get("/api/alerts/facets").json().get("types")).isNotEmpty();
                assertThat(admin.get("/api/vulnerabilities").json().get("total").asInt()).isZero();
                List<String> open = admin.get("/api/alerts?status=open").json().findValuesAsText("id");
                assertThat(admin.post("/api/alerts/bulk", Map.of("ids", open, "action", "ack")).json().get("done")).hasSize(open.size());
                assertThat(admin.get("/api/alerts.csv?status=acknowledged").text().lines()).hasSize(open.size() + 1);
                long kept = ts.server.store().read(h -> h.createQuery("SELECT COUNT(*) FROM finding_packets").mapTo(Long.class).one());
                assertThat(kept).isPositive();
                String withPackets = ts.server.store().read(h -> h.createQuery("SELECT finding_id FROM finding_packets LIMIT 1")
                        .mapTo(String.class).one());
                assertThat(admin.get("/api/findings/" + withPackets + "/packets.pcap").status()).isEqualTo(200);
                assertThat(admin.post("/api/keys/rotate", null).status()).isEqualTo(200);
                assertThat(admin.get("/api/audit/verify").json().get("ok").asBoolean()).isTrue();
                // sign-in failures sent at once are counted one each here too (INSERT … ON CONFLICT … RETURNING)
                java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
                List<java.util.concurrent.Future<Integer>> tries = new java.util.ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    tries.add(pool.submit(() -> ts.anonymous().post("/api/login", Map.of("username", "pgcarol", "password", "x"))
                            .status()));
                }
                for (var t : tries) {
                    assertThat(t.get()).isIn(401, 429);
                }
                pool.shutdown();
                long counted = ts.server.store().read(h -> h.createQuery("SELECT failures FROM login_throttle WHERE k = 'u:pgcarol'")
                        .mapTo(Long.class).one());
                assertThat(counted).isEqualTo(8);
                assertThat(admin.call("DELETE", "/api/devices/" + dev, null).status()).isEqualTo(200);
            }
            Snapshot lite;
            try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("lite"), captures)).settle()) {
                lite = snapshot(ts.admin());
            }
            assertThat(pg.devices()).isEqualTo(lite.devices());
            assertThat(pg.findings()).isEqualTo(lite.findings());
            assertThat(pg.alerts()).isEqualTo(lite.alerts());
        } finally {
            try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    record Snapshot(Set<String> devices, Set<String> findings, Set<String> alerts) {
    }

    static Snapshot snapshot(TestServer.Client c) throws Exception {
        Set<String> d = new TreeSet<>();
        for (JsonNode x : c.get("/api/devices?limit=1000").json().get("items")) {
            d.add(x.get("id").asText() + " " + x.get("type").asText() + " " + x.get("vendor").asText());
        }
        Set<String> f = new TreeSet<>();
        for (JsonNode x : c.get("/api/findings?limit=1000").json().get("items")) {
            f.add(x.get("id").asText() + " " + x.get("finding").get("count").asText());
        }
        Set<String> a = new TreeSet<>();
        for (JsonNode x : c.get("/api/alerts?limit=1000").json().get("items")) {
            a.add(x.get("id").asText() + " " + x.get("severity").asText());
        }
        return new Snapshot(d, f, a);
    }
}
