package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.engine.testing.Golden;
import dev.vigil.engine.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {

    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void sampleWritesTheContractFiles() throws Exception {
        Path out = tmp.resolve("out");
        Cli r = Cli.run("analyze", "--out", out.toString(), Cli.sample().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("DEVICES: the 10 riskiest of 18").contains("Wrote ");
        for (String f : List.of("summary.json", "inventory.json", "findings.jsonl", "plan.json", "trust-events.jsonl",
                "report.html")) {
            assertThat(out.resolve(f)).exists();
        }
        JsonNode summary = json.readTree(out.resolve("summary.json").toFile());
        for (String field : List.of("packets", "bytes", "flows", "devices", "findings_by_type", "malformed", "seconds",
                "packets_per_second")) {
            assertThat(summary.has(field)).as("summary.json has %s", field).isTrue();
        }
        assertThat(summary.get("packets").asLong()).isEqualTo(5_652);
        assertThat(summary.at("/posture/top_actions").size()).isPositive();
        assertThat(summary.at("/posture/metrics/compliance/overall_percent").asDouble()).isBetween(0.0, 100.0);
        JsonNode inventory = json.readTree(out.resolve("inventory.json").toFile());
        assertThat(inventory.isArray()).isTrue();
        assertThat(inventory.size()).isEqualTo(summary.get("devices").asInt());
        for (JsonNode d : inventory) {
            for (String field : List.of("id", "mac", "ips", "vendor", "hostnames", "type", "model", "firmware",
                    "confidence", "evidence", "trust", "risk", "actions")) {
                assertThat(d.has(field)).as("device %s has %s", d.get("id"), field).isTrue();
            }
        }
    }

    @Test
    void sameInputGivesTheSameFilesByteForByte() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertThat(Cli.run("analyze", "-q", "--out", a.toString(), Cli.sample().toString()).exit()).isZero();
        assertThat(Cli.run("analyze", "-q", "--out", b.toString(), Cli.sample().toString()).exit()).isZero();
        assertThat(Files.readAllBytes(a.resolve("inventory.json"))).isEqualTo(Files.readAllBytes(b.resolve("inventory.json")));
        assertThat(Files.readAllBytes(a.resolve("findings.jsonl"))).isEqualTo(Files.readAllBytes(b.resolve("findings.jsonl")));
    }

    /**
     * Issue 15: the inventory and detection on a thread of their own, beside the engine, write what
     * one thread writes, byte for byte (the summary but its timings), on captures with every kind of
     * finding, several inputs in one observation, a conn.log whose locality marks go in line with
     * the events, and the event log.
     */
    @Test
    void twoThreadsWriteWhatOneThreadWrites() throws Exception {
        Path conn = Path.of(AnalyzeCommandTest.class.getResource("/flows/iot23-sample.conn.log.labeled").toURI());
        List<String> inputs = List.of(Cli.sample().toString(), TestData.capture("vigil-netns-botnet.pcap").toString(),
                TestData.capture("vigil-netns-lan-attacks.pcap").toString(), TestData.capture("ndpi-tcp-scan.pcapng").toString(),
                conn.toString());
        for (String threads : List.of("1", "2", "3")) {
            List<String> args = new java.util.ArrayList<>(List.of("analyze", "-q", "--no-intel", "--as-of", "2026-12-01",
                    "--threads", threads, "--events", tmp.resolve("events-" + threads).toString(),
                    "--out", tmp.resolve("t" + threads).toString()));
            args.addAll(inputs);
            Cli r = Cli.run(args.toArray(String[]::new));
            assertThat(r.exit()).as(r.err()).isZero();
        }
        assertThat(Files.readString(tmp.resolve("t1/findings.jsonl"))).contains("attack.").contains("c2.");
        JsonNode one = summaryWithoutTimings(tmp.resolve("t1"));
        for (String threads : List.of("2", "3")) {
            for (String f : List.of("inventory.json", "findings.jsonl", "finding-groups.json", "plan.json", "trust-events.jsonl")) {
                assertThat(Files.readAllBytes(tmp.resolve("t" + threads).resolve(f))).as(threads + " threads: " + f)
                        .isEqualTo(Files.readAllBytes(tmp.resolve("t1").resolve(f)));
            }
            assertThat(Files.readAllBytes(tmp.resolve("events-" + threads))).isEqualTo(Files.readAllBytes(tmp.resolve("events-1")));
            assertThat(summaryWithoutTimings(tmp.resolve("t" + threads))).isEqualTo(one);
        }
        assertThat(Cli.run("analyze", "--threads", "0", Cli.sample().toString()).exit()).isEqualTo(2);
    }

    private JsonNode summaryWithoutTimings(Path out) throws java.io.IOException {
        com.fasterxml.jackson.databind.node.ObjectNode s = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(
                out.resolve("summary.json").toFile());
        s.remove(List.of("seconds", "packets_per_second"));
        return s;
    }

    @Test
    void inventoryAndFindingsOfTheSampleMatchTheirBaselines() throws Exception {
        Path out = tmp.resolve("g");
        assertThat(Cli.run("analyze", "-q", "--no-intel", "--out", out.toString(), Cli.sample().toString()).exit())
                .isZero();
        Golden.assertMatches("iot-lab-inventory", Files.readAllLines(out.resolve("inventory.json")));
        Golden.assertMatches("iot-lab-findings", Files.readAllLines(out.resolve("findings.jsonl")));
    }

    @Test
    void indicatorListsAndFlowLogs() throws Exception {
        Path list = tmp.resolve("bad.txt");
        Files.writeString(list, "# lab command server\n203.0.113.50, lab C2\nexample-bad.test\n");
        Path out = tmp.resolve("ind");
        Cli r = Cli.run("analyze", "-q", "--no-intel", "--indicators", list.toString(), "--out", out.toString(),
                TestData.capture("vigil-netns-botnet.pcap").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(out.resolve("findings.jsonl"))).contains("\"type\":\"c2.known_bad\"")
                .contains("lab C2");
        Files.writeString(list, "not an indicator!\n");
        Cli bad = Cli.run("analyze", "-q", "--no-intel", "--indicators", list.toString(), "--out", out.toString(),
                TestData.capture("tftp.pcap").toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("bad.txt:1");
        // a Zeek conn.log is an input like a capture
        Path conn = Path.of(AnalyzeCommandTest.class.getResource("/flows/iot23-sample.conn.log.labeled").toURI());
        Cli flows = Cli.run("analyze", "-q", "--no-intel", "--out", tmp.resolve("flows").toString(), conn.toString());
        assertThat(flows.exit()).as(flows.err()).isZero();
        JsonNode summary = json.readTree(tmp.resolve("flows/summary.json").toFile());
        assertThat(summary.get("flows").asLong()).isEqualTo(3);
        assertThat(summary.at("/inputs/0/format").asText()).isEqualTo("zeek-conn-tsv");
        assertThat(summary.at("/malformed/zeek.malformed_row").asLong()).isEqualTo(1);
    }

    @Test
    void failOnTurnsFindingsIntoExitOne() {
        // the sample holds a telnet login (high) but nothing critical without an intel store
        Cli high = Cli.run("analyze", "-q", "--no-intel", "--out", tmp.resolve("h").toString(), "--fail-on", "high",
                Cli.sample().toString());
        assertThat(high.exit()).isEqualTo(1);
        Cli critical = Cli.run("analyze", "-q", "--no-intel", "--out", tmp.resolve("c").toString(), "--fail-on",
                "critical", Cli.sample().toString());
        assertThat(critical.exit()).isZero();
    }

    @Test
    void readsAPcapStreamOnStandardInput() throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(TestData.capture("ndpi-telnet.pcap"))));
            Path out = tmp.resolve("stdin");
            Cli r = Cli.run("analyze", "--format", "json", "--out", out.toString(), "-");
            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode summary = json.readTree(r.out());
            assertThat(summary.get("packets").asLong()).isEqualTo(92);
            assertThat(summary.get("inputs").get(0).get("name").asText()).isEqualTo("-");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void notACaptureIsOneLineAndExitTwo() throws Exception {
        Path txt = Files.writeString(tmp.resolve("notes.txt"), "hello\n");
        Cli r = Cli.run("analyze", "--out", tmp.resolve("x").toString(), txt.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("notes.txt").contains("not a pcap or pcapng capture").doesNotContain("Exception");
        // after a capture was read, on three threads, with the event log open: the same one line, the log complete
        Path events = tmp.resolve("events.jsonl");
        Cli after = Cli.run("analyze", "--threads", "3", "--events", events.toString(), "--out", tmp.resolve("y").toString(),
                TestData.capture("ndpi-telnet.pcap").toString(), txt.toString());
        assertThat(after.exit()).isEqualTo(2);
        assertThat(after.err().lines()).hasSize(1);
        assertThat(after.err()).contains("notes.txt").doesNotContain("Exception");
        assertThat(Files.readString(events)).contains("\"kind\":\"telnet.login\"").endsWith("\n");
    }

    @Test
    void missingFileAndBadOptionsAreUsageErrors() {
        Cli missing = Cli.run("analyze", "--out", tmp.toString(), "does-not-exist.pcap");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err().trim()).isEqualTo("vigil analyze: does-not-exist.pcap: no such file");
        Cli unknown = Cli.run("analyze", "--frobnicate", "x.pcap");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().lines()).hasSize(1);
        Cli badSeverity = Cli.run("analyze", "--fail-on", "urgent", Cli.sample().toString());
        assertThat(badSeverity.exit()).isEqualTo(2);
        assertThat(badSeverity.err()).contains("unknown severity");
        Cli noInput = Cli.run("analyze");
        assertThat(noInput.exit()).isEqualTo(2);
    }

    @Test
    void helpForEveryCommand() {
        Cli top = Cli.run("--help");
        assertThat(top.exit()).isZero();
        assertThat(top.out()).contains("analyze").contains("Exit codes");
        Cli analyze = Cli.run("analyze", "--help");
        assertThat(analyze.exit()).isZero();
        assertThat(analyze.out()).contains("--out").contains("--fail-on").contains("--local-net").contains("--events");
    }

    @Test
    void eventLogMasksSecrets() throws Exception {
        Path events = tmp.resolve("events.jsonl");
        Cli r = Cli.run("analyze", "-q", "--out", tmp.resolve("e").toString(), "--events", events.toString(),
                TestData.capture("ndpi-telnet.pcap").toString());
        assertThat(r.exit()).isZero();
        String log = Files.readString(events);
        assertThat(log).contains("\"kind\":\"telnet.login\"").contains("\"username\":\"fake\"")
                .doesNotContain("\"password\":\"user\"");
    }
}
