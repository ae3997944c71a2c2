package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.engine.testing.TestData;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The integration API for CMDBs and SIEMs over a real service, on SQLite and on PostgreSQL: devices
 * and findings changed since a time, paged by a cursor (an edit while paging comes again, nothing is
 * skipped), and the CSV exports, streamed.
 */
class IntegrationApiTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void changeFeedsAndExports(String kind) throws Exception {
        ServerConfig cfg = TestServer.config(tmp.resolve("data"), List.of(TestData.capture("vigil-netns-botnet.pcap"),
                TestData.capture("ndpi-http-auth.pcap")));
        Postgres pg = kind.equals("postgresql") ? Postgres.open() : null;
        try (TestServer ts = TestServer.start(pg == null ? cfg : pg.on(cfg)).settle()) {
            String token = ts.newToken(ts.admin(), "cmdb", "analyst");
            TestServer.Client cmdb = ts.token(token);
            int devices = cmdb.get("/api/devices?limit=1000").json().get("total").asInt();
            assertThat(devices).isGreaterThan(3);

            // the whole feed, two at a time; the first device read is edited while paging and comes again at the end
            List<String> read = new ArrayList<>();
            JsonNode page = cmdb.get("/api/devices/changes?limit=2").json();
            assertThat(page.get("total").asInt()).isEqualTo(devices);
            assertThat(page.get("offset").asInt()).isZero();
            page.get("items").forEach(d -> read.add(d.get("id").asText()));
            String first = read.get(0);
            Instant updated = Instant.parse(page.get("items").get(0).get("updated").asText());
            assertThat(cmdb.call("PATCH", "/api/devices/" + enc(first), Map.of("location", "ward 7")).status()).isEqualTo(200);
            String cursor = page.get("next_cursor").asText();
            while (page.get("more").asBoolean()) {
                page = cmdb.get("/api/devices/changes?limit=2&cursor=" + cursor).json();
                page.get("items").forEach(d -> read.add(d.get("id").asText()));
                cursor = page.get("next_cursor").asText();
            }
            assertThat(new HashSet<>(read)).hasSize(devices);
            assertThat(read).hasSize(devices + 1).endsWith(first);
            JsonNode last = page.get("items").get(page.get("items").size() - 1);
            assertThat(last.get("location").asText()).isEqualTo("ward 7");
            assertThat(Instant.parse(last.get("updated").asText())).isAfterOrEqualTo(updated);
            // nothing since: the same cursor answers nothing until something is written
            JsonNode quiet = cmdb.get("/api/devices/changes?cursor=" + cursor).json();
            assertThat(quiet.get("items")).isEmpty();
            assertThat(quiet.get("more").asBoolean()).isFalse();
            assertThat(quiet.get("next_cursor").asText()).isEqualTo(cursor);
            // since a time: only what was written at or after it
            String since = URLEncoder.encode(Instant.now().plusSeconds(3600).toString(), StandardCharsets.UTF_8);
            assertThat(cmdb.get("/api/devices/changes?changed_since=" + since).json().get("total").asInt()).isZero();
            assertThat(cmdb.get("/api/findings/changes?changed_since=2000-01-01T00:00:00Z&limit=1000").json().get("total").asInt())
                    .isEqualTo(cmdb.get("/api/findings").json().get("total").asInt()).isPositive();
            // bad input is one clear 400
            assertThat(cmdb.get("/api/devices/changes?changed_since=yesterday").status()).isEqualTo(400);
            TestServer.Answer badCursor = cmdb.get("/api/findings/changes?cursor=not-a-cursor");
            assertThat(badCursor.status()).isEqualTo(400);
            assertThat(badCursor.json().get("error").asText()).contains("cursor");

            // the exports, streamed: every row, a header, CRLF line ends; filters and changed_since apply
            List<String> csv = cmdb.get("/api/devices.csv").text().lines().toList();
            assertThat(csv).hasSize(devices + 1);
            assertThat(csv.get(0)).startsWith("id,ip,mac,name,vendor,type");
            assertThat(cmdb.get("/api/devices.csv?changed_since=" + since).text().lines()).hasSize(1);
            String findingsCsv = cmdb.get("/api/findings.csv").text();
            assertThat(findingsCsv).startsWith("id,type,category,severity,title,device_id").contains("\r\n");
            int findings = cmdb.get("/api/findings").json().get("total").asInt();
            assertThat(findingsCsv.lines()).hasSize(findings + 1);
            int high = cmdb.get("/api/findings?severity=high").json().get("total").asInt();
            assertThat(cmdb.get("/api/findings.csv?severity=high").text().lines()).hasSize(high + 1);
            Set<String> audited = new HashSet<>(ts.server.store().read(h -> h.createQuery("SELECT action FROM audit")
                    .mapTo(String.class).list()));
            assertThat(audited).contains("device.export", "finding.export", "device.edit");
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
