package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.engine.testing.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device's timeline on a real capture: first seen, the addresses it took up and the type the
 * traffic showed, its findings, the alert raised and what an analyst did with it, its tier change
 * and people's edits, newest first, in one stream; viewers may read it, anonymous callers may not.
 */
class DeviceTimelineTest {

    @TempDir
    Path tmp;

    @Test
    void oneOrderedStreamOfChangesFindingsAlertsTiersAndEdits() throws Exception {
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("d"), List.of(TestData.capture("zeek-snmpv1-get.pcap"),
                TestData.capture("ndpi-telnet.pcap")))).settle()) {
            TestServer.Client admin = ts.admin();
            // the device whose factory-default password is in use (the alert names it)
            JsonNode alert = null;
            for (JsonNode x : admin.get("/api/alerts?limit=200").json().get("items")) {
                if (x.get("type").asText().equals("credentials.default")) {
                    alert = x;
                }
            }
            assertThat(alert).isNotNull();
            String id = alert.get("device_id").asText();
            String ip = admin.get("/api/devices/" + id).json().get("ip").asText();
            assertThat(admin.post("/api/alerts/" + alert.get("id").asText() + "/ack", Map.of()).status()).isEqualTo(200);
            assertThat(admin.post("/api/alerts/" + alert.get("id").asText() + "/comment", Map.of("text", "calling the vendor"))
                    .status()).isEqualTo(200);
            assertThat(admin.call("PATCH", "/api/devices/" + id, Map.of("criticality", "high")).status()).isEqualTo(200);

            TestServer.Answer a = admin.get("/api/devices/" + id + "/timeline");
            assertThat(a.status()).isEqualTo(200);
            List<String> kinds = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            List<String> times = new ArrayList<>();
            for (JsonNode e : a.json().get("items")) {
                kinds.add(e.get("kind").asText());
                lines.add(e.get("what").asText() + " | " + e.path("detail").asText(""));
                times.add(e.get("at").asText());
            }
            assertThat(kinds).contains("change", "finding", "alert", "edit");
            assertThat(lines).anyMatch(l -> l.startsWith("first seen as " + ip));
            assertThat(lines).anyMatch(l -> l.startsWith("took up address " + ip));
            assertThat(lines).anyMatch(l -> l.contains("credentials.default"));
            assertThat(lines).anyMatch(l -> l.startsWith("alert raised: "));
            assertThat(lines).anyMatch(l -> l.startsWith("alert acknowledged: "));
            assertThat(lines).anyMatch(l -> l.contains("commented") && l.endsWith("calling the vendor"));
            assertThat(lines).anyMatch(l -> l.contains("device.edit") && l.contains("criticality"));
            assertThat(times).as("newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());
            // the limit cuts, and says so
            JsonNode two = admin.get("/api/devices/" + id + "/timeline?limit=2").json();
            assertThat(two.get("items")).hasSize(2);
            assertThat(two.get("more").asBoolean()).isTrue();
            assertThat(admin.get("/api/devices/nope/timeline").status()).isEqualTo(404);
            assertThat(ts.anonymous().get("/api/devices/" + id + "/timeline").status()).isEqualTo(401);
        }
    }

    @Test
    void aTierChangeIsOnTheTimelineOfTheDeviceThatMoved() throws Exception {
        Path captures = tmp.resolve("captures");
        CrashRecoveryTest.captures(captures);
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("t"), List.of(captures)).withWindow(10, 30))) {
            RestartTest.waitForFiles(ts.server.store(), 6);
            String moved = RestartTest.count(ts.server.store(), "SELECT COUNT(*) FROM tier_events") > 0
                    ? ts.server.store().read(h -> h.createQuery("SELECT device_id FROM tier_events ORDER BY ts LIMIT 1")
                            .mapTo(String.class).one()) : null;
            assertThat(moved).isNotNull();
            JsonNode t = ts.admin().get("/api/devices/" + moved + "/timeline?limit=1000").json();
            List<String> kinds = new ArrayList<>();
            t.get("items").forEach(e -> kinds.add(e.get("kind").asText()));
            assertThat(kinds).contains("tier", "change");
        }
    }
}
