package dev.vigil.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.analysis.Analyzer;
import dev.vigil.detect.analysis.Progress;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.inventory.Device;
import dev.vigil.engine.capture.CaptureLimits;
import dev.vigil.engine.testing.TestData;
import dev.vigil.inputs.Inputs;
import dev.vigil.store.db.Documents;
import dev.vigil.store.devices.DeviceDocuments;
import dev.vigil.store.findings.FindingDocuments;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stored documents of devices and findings, on every device and finding of real captures: they
 * hold what the domain records hold, property for property as the store has always written them
 * (so stores written before versioned documents read the same), and read back into the same records.
 */
class DocumentsTest {

    /** How documents were written before they had records of their own: the domain records, snake_case. */
    static final ObjectMapper BEFORE = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    static AnalysisResult result;

    @BeforeAll
    static void analyse() throws Exception {
        Analyzer a = new Analyzer(AnalysisConfig.defaults());
        for (Path p : new Path[] {TestData.repoRoot().resolve("samples/iot-lab.pcapng.gz"), TestData.capture("vigil-netns-botnet.pcap"),
            TestData.capture("ndpi-http-auth.pcap"), TestData.capture("lldp_mudurl.pcap")}) {
            Inputs.read(p.toString(), CaptureLimits.DEFAULT, a.anomalies(), (n, src) -> a.add(n, src, Progress.NONE),
                    (n, src) -> a.add(n, src, Progress.NONE));
        }
        result = a.finish();
        assertThat(result.devices()).hasSizeGreaterThan(10);
        assertThat(result.findings()).anyMatch(f -> FindingDocuments.sensitive(f.type()));
    }

    /** A stored document without its version: what it shares with the documents of before. */
    private static JsonNode unversioned(String json) {
        ObjectNode n = (ObjectNode) Documents.tree(json);
        assertThat(n.get("v").asInt()).isEqualTo(1);
        n.remove("v");
        return n;
    }

    @Test
    void devicesAreStoredAsTheyAlwaysWereAndReadBackWhole() throws Exception {
        for (Device d : result.devices()) {
            String stored = DeviceDocuments.write(d);
            JsonNode before = Documents.tree(BEFORE.writeValueAsString(d));
            assertThat(unversioned(stored)).as(d.id()).isEqualTo(before);
            assertThat(DeviceDocuments.read(stored)).as(d.id()).isEqualTo(d);
            // a document written before documents had versions
            assertThat(DeviceDocuments.read(BEFORE.writeValueAsString(d))).as(d.id()).isEqualTo(d);
        }
    }

    @Test
    void findingsAreStoredAsTheyAlwaysWereAndReadBackWhole() throws Exception {
        TestCipher cipher = new TestCipher();
        for (Finding f : result.findings()) {
            String stored = FindingDocuments.write(f, cipher);
            assertThat(cipher.isEncrypted(stored)).as(f.type()).isEqualTo(FindingDocuments.sensitive(f.type()));
            String plain = cipher.isEncrypted(stored) ? cipher.decrypt(stored) : stored;
            JsonNode before = Documents.tree(BEFORE.writeValueAsString(f));
            assertThat(unversioned(plain)).as(f.type()).isEqualTo(before);
            JsonNode back = Documents.tree(BEFORE.writeValueAsString(FindingDocuments.read(stored, cipher)));
            JsonNode legacy = Documents.tree(BEFORE.writeValueAsString(FindingDocuments.read(BEFORE.writeValueAsString(f), cipher)));
            assertThat(back).as(f.type()).isEqualTo(before);
            assertThat(legacy).as(f.type()).isEqualTo(before);
        }
    }
}
