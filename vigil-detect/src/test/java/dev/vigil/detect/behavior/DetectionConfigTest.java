package dev.vigil.detect.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The thresholds file: defaults, overrides, refusals. */
class DetectionConfigTest {

    @TempDir
    Path tmp;

    @Test
    void defaultsAreAllNumbers() {
        DetectionConfig c = DetectionConfig.defaults();
        assertThat(c.keys()).contains("scan.horizontal.min_hosts", "beacon.min_traits", "anomaly.score_threshold");
        for (String k : c.keys()) {
            if (k.endsWith("ports")) {
                assertThat(c.portSet(k)).as(k).isNotEmpty();
            } else {
                assertThat(c.number(k)).as(k).isNotNegative();
            }
        }
        assertThat(c.nanos("scan.window")).isEqualTo(60_000_000_000L);
    }

    @Test
    void aUserFileOverridesOnlyWhatItNames() throws Exception {
        Path f = tmp.resolve("d.properties");
        Files.writeString(f, "# stricter scans\nscan.horizontal.min_hosts=50\nbeacon.common_ports=443,8883\n");
        DetectionConfig c = DetectionConfig.load(f);
        assertThat(c.integer("scan.horizontal.min_hosts")).isEqualTo(50);
        assertThat(c.portSet("beacon.common_ports")).containsExactlyInAnyOrder(443, 8883);
        assertThat(c.integer("scan.vertical.min_ports")).isEqualTo(DetectionConfig.defaults().integer("scan.vertical.min_ports"));
    }

    @Test
    void unknownKeysAndBadValuesAreRefused() throws Exception {
        Path f = tmp.resolve("bad.properties");
        Files.writeString(f, "scan.horizontal.min_host=50\n");
        assertThatThrownBy(() -> DetectionConfig.load(f)).hasMessageContaining("unknown key 'scan.horizontal.min_host'");
        Files.writeString(f, "scan.window=a minute\n");
        assertThatThrownBy(() -> DetectionConfig.load(f)).hasMessageContaining("is not a number");
    }

    @Test
    void domainsAndEntropy() {
        assertThat(Domains.registered("a1.cdn.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(Domains.registered("www.google.com.")).isEqualTo("google.com");
        assertThat(Domains.registered("dnscat.546b03f5.5a03b5b1e1aa8f8f")).isEqualTo("dnscat");
        assertThat(Domains.subdomain("x9f2.t.example.com", "example.com")).isEqualTo("x9f2.t");
        assertThat(Domains.entropy("aaaa")).isZero();
        assertThat(Domains.entropy("546b03f50000000000a6023ed4df184d")).isGreaterThan(3.0);
    }
}
