package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.engine.testing.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's verdicts on real captures: open alerts hold a device below trusted and resolving
 * them lifts the hold at once; what people say of a device (criticality, tags) changes its risk at
 * once; a factory-default password in use raises an alert; the sources' counters, positions and the
 * served report match what was read, and outlive a restart.
 */
class ServiceVerdictsTest {

    @TempDir
    Path tmp;

    static JsonNode device(TestServer.Client c, String ip) throws Exception {
        for (JsonNode d : c.get("/api/devices?limit=1000").json().get("items")) {
            if (ip.equals(d.get("ip").asText())) {
                return c.get("/api/devices/" + d.get("id").asText()).json();
            }
        }
        throw new AssertionError("no device " + ip);
    }

    @Test
    void openAlertsHoldADeviceBelowTrustedAndTheOldBotIsJudgedInItsOwnTime() throws Exception {
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("d1"), List.of(
                TestData.shared("pcap/slips/test12-icmp-portscan.pcap"), TestData.shared("pcap/slips/test7-malicious-hidenseek.pcap"),
                TestData.shared("pcap/slips/test-cc-capture-1.pcap")))).settle()) {
            TestServer.Client admin = ts.admin();
            // the Hide 'N Seek bot of 2018, beside a client of 2024: quarantined, not "100, trusted"
            JsonNode bot = device(admin, "192.168.2.16");
            assertThat(bot.get("tier").asText()).isEqualTo("quarantined");
            assertThat(bot.get("risk_level").asText()).isEqualTo("critical");
            // an ICMP sweep costs little trust: its score alone would be trusted, its open alert holds it
            JsonNode sweeper = device(admin, "192.168.1.109");
            assertThat(sweeper.get("trust").asDouble()).isGreaterThanOrEqualTo(75);
            assertThat(sweeper.get("tier").asText()).isEqualTo("restricted");
            assertThat(sweeper.get("assessment").get("trust").get("open_detections").toString()).contains("attack.scan_icmp");
            for (JsonNode a : sweeper.get("alerts")) {
                assertThat(admin.post("/api/alerts/" + a.get("id").asText() + "/resolve", Map.of("comment", "our own nmap"))
                        .status()).isEqualTo(200);
            }
            JsonNode after = device(admin, "192.168.1.109");
            assertThat(after.get("tier").asText()).isEqualTo("trusted");
            assertThat(after.get("assessment").get("trust").get("open_detections")).isEmpty();
        }
    }

    @Test
    void criticalityAndTagsChangeRiskAtOnceAndDefaultCredentialsAlert() throws Exception {
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("d2"), List.of(TestData.capture("zeek-snmpv1-get.pcap"),
                TestData.capture("ndpi-telnet.pcap")))).settle()) {
            TestServer.Client admin = ts.admin();
            List<String> types = new ArrayList<>();
            admin.get("/api/alerts?limit=200").json().get("items").forEach(a -> types.add(a.get("type").asText()));
            assertThat(types).contains("credentials.default").doesNotContain("tls.obsolete_version", "cleartext.telnet");
            JsonNode server = device(admin, "192.168.0.1");
            double before = server.get("risk").asDouble();
            JsonNode edited = admin.call("PATCH", "/api/devices/" + server.get("id").asText(),
                    Map.of("criticality", "critical", "tags", List.of("medical"))).json();
            assertThat(edited.get("risk").asDouble()).isGreaterThan(before);
            assertThat(edited.get("assessment").get("risk").get("impact").asDouble()).isEqualTo(5.0);
            assertThat(edited.get("assessment").get("risk").get("reasons").toString()).contains("marked critical, medical");
            JsonNode cleared = admin.call("PATCH", "/api/devices/" + server.get("id").asText(),
                    Map.of("criticality", "", "tags", List.of())).json();
            assertThat(cleared.get("risk").asDouble()).isEqualTo(before);
        }
    }

    @Test
    void sourcesCountWhatTheyReadAndOutliveARestart() throws Exception {
        Path sample = TestData.repoRoot().resolve("samples/iot-lab.pcapng.gz");
        String token;
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("d3"), List.of(sample))).settle()) {
            TestServer.Client admin = ts.admin();
            token = ts.newToken(admin, "restart", "viewer");
            JsonNode src = admin.get("/api/ingest").json().get("sources").get(0);
            // what vigil analyze counts on the sample: 457 flows, 5 frames whose IPv4 length exceeds them; a
            // connection going on across the windows' edges counts once (one whose five-tuple is used again
            // at an edge may count one more or less)
            assertThat(src.get("packets").asLong()).isEqualTo(5652);
            assertThat(src.get("flows").asLong()).isCloseTo(457, org.assertj.core.data.Offset.offset(2L));
            assertThat(src.get("malformed").asLong()).isEqualTo(5);
            assertThat(src.get("position").asText()).contains("iot-lab.pcapng.gz: all 5,652 packets read, last packet 2016-04-")
                    .doesNotContain("done:");
            assertThat(src.get("stored").get("malformed_by").get("ipv4.total_length_exceeds_frame").asLong()).isEqualTo(5);
            assertThat(src.get("stored").get("bytes").asLong()).isEqualTo(src.get("bytes").asLong()).isPositive();
            JsonNode report = embedded(admin.get("/api/report.html").text());
            assertThat(report.get("summary").get("flows").asLong()).isEqualTo(src.get("flows").asLong());
            assertThat(report.get("summary").get("bytes").asLong()).isEqualTo(src.get("bytes").asLong());
            assertThat(report.get("summary").get("malformed").get("ipv4.total_length_exceeds_frame").asLong()).isEqualTo(5);
            assertThat(report.get("groups")).isNotEmpty();
        }
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("d3"), List.of()))) {
            JsonNode sources = ts.token(token).get("/api/ingest").json().get("sources");
            assertThat(sources).hasSize(1);
            JsonNode src = sources.get(0);
            assertThat(src.get("name").asText()).endsWith("iot-lab.pcapng.gz");
            assertThat(src.get("running").asBoolean()).isFalse();
            assertThat(src.get("packets").asLong()).isEqualTo(5652);
            assertThat(src.get("flows").asLong()).isCloseTo(457, org.assertj.core.data.Offset.offset(2L));
            assertThat(src.get("malformed").asLong()).isEqualTo(5);
            assertThat(src.get("position").asText()).contains("all 5,652 packets read");
        }
    }

    /** The analysis a served report.html embeds. */
    static JsonNode embedded(String html) throws Exception {
        String open = "id=\"vigil-data\">";
        String rest = html.substring(html.indexOf(open) + open.length());
        return new ObjectMapper().readTree(rest.substring(0, rest.indexOf("</script>")));
    }
}
