package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.engine.testing.TestData;
import dev.vigil.server.ingest.FlowCollector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NetFlow v5, v9 and IPFIX from a real exporter: Debian's softflowd replays the lab botnet capture to
 * the collector on loopback; the flows reach the store and the detectors see the attack.
 */
class FlowCollectorTest {

    static final Path SOFTFLOWD = Path.of("/usr/sbin/softflowd");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"5", "9", "10"})
    void softflowdExportsReachTheStore(String version) throws Exception {
        assumeTrue(Files.isExecutable(SOFTFLOWD), "skipped: softflowd is not installed (./test installs it as root)");
        ServerConfig cfg = TestServer.config(tmp.resolve("data"), List.of())
                .withInputs(false, List.of(), null, List.of("127.0.0.1:0"), List.of()).withWindow(300, 1);
        try (TestServer ts = TestServer.start(cfg)) {
            FlowCollector fc = (FlowCollector) ts.server.ingest().sources().get(0);
            softflowd(fc, version);
            TestServer.Client admin = ts.admin();
            JsonNode src = settled(ts, admin);
            assertThat(src.get("flows").asLong()).as("flows").isGreaterThan(500);
            assertThat(src.get("dropped").asLong()).as("dropped").isZero();
            assertThat(src.get("malformed").asLong()).as("malformed").isZero();
            Set<String> ips = new HashSet<>();
            admin.get("/api/devices?limit=1000").json().get("items").forEach(d -> ips.add(d.get("ip").asText()));
            assertThat(ips).contains("192.168.77.10");
            Set<String> types = new HashSet<>();
            admin.get("/api/alerts?limit=1000").json().get("items").forEach(a -> types.add(a.get("type").asText()));
            assertThat(types).as("detections on flow records").contains("attack.ddos_participation");
        }
    }

    /** Replays the lab botnet capture through softflowd to the collector, as NetFlow {@code version}. */
    static void softflowd(FlowCollector fc, String version) throws Exception {
        long end = System.currentTimeMillis() + 10_000;
        while (fc.port() < 0 && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        Process p = new ProcessBuilder(SOFTFLOWD.toString(), "-r", TestData.capture("vigil-netns-botnet.pcap").toString(), "-n",
                "127.0.0.1:" + fc.port(), "-v", version).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
    }

    /**
     * The first source once settled: every record decoded, held ones paired or released, the last
     * window committed.
     */
    static JsonNode settled(TestServer ts, TestServer.Client admin) throws Exception {
        JsonNode src = null;
        String last = "";
        int stable = 0;
        long end = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < end && stable < 4) {
            Thread.sleep(500);
            src = admin.get("/api/ingest").json().get("sources").get(0);
            long committed = ts.server.store().read(h -> h.createQuery("SELECT COALESCE(SUM(flows), 0) FROM checkpoints")
                    .mapTo(Long.class).one());
            String now = src.get("flows").asText() + "/" + committed;
            stable = now.equals(last) && committed == src.get("flows").asLong() ? stable + 1 : 0;
            last = now;
        }
        return src;
    }
}
