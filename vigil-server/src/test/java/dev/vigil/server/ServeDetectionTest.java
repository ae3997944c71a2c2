package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.analysis.Analyzer;
import dev.vigil.detect.analysis.Progress;
import dev.vigil.detect.findings.Finding;
import dev.vigil.engine.capture.CaptureLimits;
import dev.vigil.engine.testing.TestData;
import dev.vigil.inputs.Inputs;
import dev.vigil.store.findings.FindingIds;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service stores its input in short windows, yet detects what spans them: a slow port scan cut
 * into one-second windows is one finding with the count one analysis of the whole capture gives,
 * and a flood first mistaken for a port scan replaces the scan in the store once it is seen whole.
 */
class ServeDetectionTest {

    @TempDir
    Path tmp;

    static Map<String, Long> detections(List<Finding> findings) {
        Map<String, Long> m = new TreeMap<>();
        for (Finding f : findings) {
            if (f.type().matches("(attack|c2|exfil|lateral|anomaly|behavior)\\..*")) {
                m.merge(FindingIds.of(f) + " " + f.type(), f.count(), Long::sum);
            }
        }
        return m;
    }

    static Map<String, Long> stored(TestServer ts) {
        return ts.server.store().read(h -> {
            Map<String, Long> m = new TreeMap<>();
            h.createQuery("SELECT id, type, count FROM findings WHERE category = 'detection' ORDER BY id")
                    .map((rs, ctx) -> Map.entry(rs.getString("id") + " " + rs.getString("type"), rs.getLong("count")))
                    .forEach(e -> m.put(e.getKey(), e.getValue()));
            return m;
        });
    }

    @Test
    void detectionSpansTheStoreWindows() throws Exception {
        Path scan = TestData.capture("ndpi-tcp-scan.pcapng");
        Path botnet = TestData.capture("vigil-netns-botnet.pcap");
        Map<String, Long> expected = new TreeMap<>();
        for (Path p : List.of(scan, botnet)) {
            Analyzer a = new Analyzer(AnalysisConfig.defaults());
            Inputs.read(p.toString(), CaptureLimits.DEFAULT, a.anomalies(), (n, src) -> a.add(n, src, Progress.NONE),
                    (n, src) -> a.add(n, src, Progress.NONE));
            expected.putAll(detections(a.finish().findings()));
        }
        assertThat(expected.keySet()).anyMatch(k -> k.endsWith(" attack.scan_vertical"))
                .anyMatch(k -> k.endsWith(" attack.ddos_participation")).anyMatch(k -> k.endsWith(" c2.irc"));
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of(scan, botnet)).withWindow(1, 30))) {
            ts.settle();
            long windows = ts.server.store().read(h -> h.createQuery("SELECT SUM(windows) FROM checkpoints")
                    .mapTo(Long.class).one());
            assertThat(windows).as("windows committed").isGreaterThan(10);
            Map<String, Long> got = stored(ts);
            assertThat(got.keySet()).isEqualTo(expected.keySet());
            String scanRow = expected.keySet().stream().filter(k -> k.endsWith(" attack.scan_vertical")).findFirst().orElseThrow();
            assertThat(got.get(scanRow)).isEqualTo(expected.get(scanRow));
            // each source says since when its detection has been learning, and it never had to start again
            assertThat(ts.server.ingest().status()).allSatisfy(st -> {
                assertThat(st.detectionSince()).isNotNull();
                assertThat(st.detectionRestarts()).isZero();
            });
            // the alerts follow the findings: one per detection, none left for the retracted scan
            long alerts = ts.server.store().read(h -> h.createQuery("SELECT COUNT(*) FROM alerts").mapTo(Long.class).one());
            assertThat(alerts).isEqualTo(expected.size());
        }
    }

    @Test
    void detectionMemoryIsBoundedKeyByKeyNeverWholesale() throws Exception {
        Path scan = TestData.capture("ndpi-tcp-scan.pcapng");
        Path lan = TestData.capture("vigil-netns-lan-attacks.pcap");
        Path props = tmp.resolve("memory.properties");
        // keys idle for a second are forgotten, and all of them together may hold 4 KiB
        java.nio.file.Files.writeString(props, "serve.detection_horizon=1\nserve.memory.min_bytes=4096\n"
                + "serve.memory.device_bytes=1024\nserve.memory.heap_share=0\n");
        AnalysisConfig analysis = AnalysisConfig.defaults().withDetection(
                dev.vigil.detect.behavior.DetectionConfig.load(props), dev.vigil.detect.intel.Indicators.empty());
        ServerConfig cfg = TestServer.config(tmp.resolve("data2"), List.of(scan, lan)).withWindow(1, 30)
                .withAnalysis(analysis, dev.vigil.detect.trust.TrustConfig.defaults());
        try (TestServer ts = TestServer.start(cfg)) {
            ts.settle();
            java.util.List<String> types = ts.server.store().read(h -> h.createQuery(
                    "SELECT DISTINCT type FROM findings WHERE category = 'detection'").mapTo(String.class).list());
            assertThat(types).contains("attack.scan_vertical");
            assertThat(ts.server.ingest().status()).allSatisfy(st -> {
                assertThat(st.detectionRestarts()).as("never afresh").isZero();
                var m = st.detectionMemory();
                assertThat(m.budgetBytes()).isEqualTo(4096);
                assertThat(m.bytes()).isLessThanOrEqualTo(m.budgetBytes());
                assertThat(m.forgottenKeys() + m.trimmedKeys() + m.shedKeys()).isPositive();
            });
            // and the API says so
            String ingest = ts.admin().get("/api/ingest").text();
            assertThat(ingest).contains("\"detection_memory\":{\"bytes\":").contains("\"budget_bytes\":4096");
        }
    }
}
