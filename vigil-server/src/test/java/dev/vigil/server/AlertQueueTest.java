package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.engine.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert queue over a real capture: filters that refuse what they cannot take, bulk steps, the
 * CSV export, and the packets behind a detection as a pcap that tshark's capinfos reads.
 */
class AlertQueueTest {

    @TempDir
    static Path tmp;

    static TestServer ts;
    static TestServer.Client admin;

    @BeforeAll
    static void start() throws Exception {
        ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of(TestData.capture("vigil-netns-botnet.pcap"),
                TestData.capture("ndpi-telnet.pcap")))).settle();
        admin = ts.admin();
    }

    @AfterAll
    static void stop() {
        if (ts != null) {
            ts.close();
        }
    }

    @Test
    void filtersRefuseValuesTheyCannotTake() throws Exception {
        for (String q : List.of("/api/alerts?type=no.such.type", "/api/alerts?severity=urgent", "/api/alerts?assignee=nobody",
                "/api/alerts?status=closed", "/api/findings?category=misc", "/api/devices?type=smart%20speaker",
                "/api/devices?tier=gold", "/api/devices?zone=%3Cscript%3E", "/api/devices?limit=0")) {
            TestServer.Answer a = admin.get(q);
            assertThat(a.status()).as(q).isEqualTo(400);
            assertThat(a.json().get("status").asInt()).isEqualTo(400);
            assertThat(a.json().get("error").asText()).as(q).isNotBlank();
        }
        JsonNode all = admin.get("/api/alerts?status=active&limit=1000").json();
        assertThat(all.get("total").asInt()).isGreaterThan(1);
        String type = all.get("items").get(0).get("type").asText();
        JsonNode byType = admin.get("/api/alerts?status=active&type=" + type).json();
        assertThat(byType.get("items")).allSatisfy(a -> assertThat(a.get("type").asText()).isEqualTo(type));
        // one page at a time, as far as the queue goes
        JsonNode second = admin.get("/api/alerts?status=active&limit=1&offset=1").json();
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("items").get(0).get("id").asText()).isEqualTo(all.get("items").get(1).get("id").asText());
        JsonNode facets = admin.get("/api/alerts/facets").json();
        assertThat(facets.get("types").findValuesAsText("value")).contains(type);
        assertThat(facets.get("assignees").toString()).contains("admin");
    }

    @Test
    void bulkStepsCsvAndThePacketsBehindADetection() throws Exception {
        JsonNode open = admin.get("/api/alerts?status=open&limit=1000").json();
        List<String> ids = new ArrayList<>();
        open.get("items").forEach(a -> ids.add(a.get("id").asText()));
        assertThat(ids).hasSizeGreaterThan(1);
        JsonNode ack = admin.post("/api/alerts/bulk", Map.of("ids", List.of(ids.get(0), ids.get(1), "no-such-alert"),
                "action", "ack", "comment", "looking into it")).json();
        assertThat(ack.get("done")).hasSize(2);
        assertThat(ack.get("skipped").get(0).get("reason").asText()).contains("no alert no-such-alert");
        JsonNode again = admin.post("/api/alerts/bulk", Map.of("ids", List.of(ids.get(0)), "action", "ack")).json();
        assertThat(again.get("skipped").get(0).get("reason").asText()).contains("only an open alert");
        JsonNode resolved = admin.post("/api/alerts/bulk", Map.of("ids", ids, "action", "resolve")).json();
        assertThat(resolved.get("done")).hasSize(ids.size());
        assertThat(admin.get("/api/alerts?status=open").json().get("total").asInt()).isZero();
        assertThat(admin.post("/api/alerts/bulk", Map.of("ids", ids, "action", "delete")).status()).isEqualTo(400);
        assertThat(admin.post("/api/alerts/bulk", Map.of("ids", ids, "action", "assign", "assignee", "nobody")).status())
                .isEqualTo(400);

        TestServer.Answer csv = admin.get("/api/alerts.csv?status=resolved");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<String> lines = csv.text().lines().toList();
        assertThat(lines.get(0)).startsWith("id,severity,type,title,status,assignee,device_id");
        assertThat(lines).hasSize(ids.size() + 1);
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).contains(",resolved,"));

        // the packets behind a detection: a pcap capinfos reads, of the flows between the device and its peer
        JsonNode withPackets = null;
        for (String id : ids) {
            JsonNode d = admin.get("/api/alerts/" + id).json();
            if (!d.get("packets").isNull()) {
                withPackets = d;
                break;
            }
        }
        assertThat(withPackets).as("an alert with packets").isNotNull();
        String id = withPackets.get("alert").get("id").asText();
        java.net.http.HttpResponse<byte[]> pcap = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(ts.base + "/api/alerts/" + id + "/packets.pcap"))
                        .header("Authorization", "Bearer " + ts.newToken(admin, "pcap-reader", "viewer")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pcap.statusCode()).isEqualTo(200);
        assertThat(pcap.headers().firstValue("Content-Disposition").orElseThrow()).contains(".pcap");
        Path file = tmp.resolve("alert.pcap");
        Files.write(file, pcap.body());
        long packets = withPackets.get("packets").get("packets").asLong();
        assertThat(packets).isBetween(1L, 8L * 16);
        Path capinfos = Path.of("/usr/bin/capinfos");
        if (Files.isExecutable(capinfos)) {
            Process p = new ProcessBuilder(capinfos.toString(), "-c", "-M", file.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(out).isZero();
            assertThat(out).containsPattern("Number of packets:\\s+" + packets + "\\b");
        }
        String device = withPackets.get("alert").get("device_id").asText();
        String ip = admin.get("/api/devices/" + device).json().get("ip").asText();
        Process t = new ProcessBuilder("tshark", "-r", file.toString(), "-T", "fields", "-e", "ip.src", "-e", "ip.dst")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> rows = new String(t.getInputStream().readAllBytes()).lines().toList();
        assertThat(t.waitFor()).isZero();
        assertThat(rows).hasSize((int) packets).allSatisfy(r -> assertThat(r).contains(ip));
        assertThat(admin.get("/api/findings/no-such/packets.pcap").status()).isEqualTo(404);
    }
}
