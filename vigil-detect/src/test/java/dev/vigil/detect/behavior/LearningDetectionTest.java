package dev.vigil.detect.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.analysis.Analyses;
import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.analysis.Analyzer;
import dev.vigil.detect.intel.Indicators;
import dev.vigil.engine.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detectors that need a learnt baseline, on a recorded lab capture that lasts seconds: the
 * learning period is shortened through the thresholds file, as an operator would for a short test.
 */
class LearningDetectionTest {

    @TempDir
    Path tmp;

    /** The findings on a bundled capture with these thresholds changed (null: the shipped ones). */
    java.util.List<dev.vigil.detect.findings.Finding> findings(String capture, String properties) throws Exception {
        AnalysisConfig config = AnalysisConfig.defaults();
        if (properties != null) {
            Path props = Files.createTempFile(tmp, "detection", ".properties");
            Files.writeString(props, properties);
            config = config.withDetection(DetectionConfig.load(props), Indicators.empty()).withMarkFlows(true);
        }
        Analyzer a = new Analyzer(config);
        Analyses.read(a, TestData.capture(capture).toString());
        return a.finish().findings();
    }

    @Test
    void anUploadToADestinationNewSinceLearningIsReported() throws Exception {
        assertThat(findings("vigil-netns-lan-attacks.pcap", "profile.learning=1\nexfil.min_bytes=1000000\n"))
                .filteredOn(f -> f.type().equals("exfil.large_upload")).singleElement().satisfies(f -> {
            assertThat(f.device().ip()).isEqualTo("192.168.88.10");
            assertThat((Long) f.evidence().get("bytes_out")).isGreaterThan(1_000_000L);
        });
        // with the default hour of learning, a capture of seconds never leaves it
        assertThat(findings("vigil-netns-lan-attacks.pcap", null))
                .noneMatch(f -> f.type().startsWith("exfil.") || f.type().startsWith("anomaly."));
    }

    @Test
    void aKeptOpenChannelANewServiceAndNewDestinationsAfterLearning() throws Exception {
        var r = findings("vigil-netns-lan-changes.pcap", "profile.learning=4\nc2.long_lived=5\n");
        assertThat(r).filteredOn(f -> f.type().equals("c2.long_lived")).singleElement().satisfies(f -> {
            assertThat(f.device().mac()).isEqualTo("02:00:5e:99:00:10");
            assertThat(f.peer().ip()).isEqualTo("203.0.113.66");
            assertThat(f.peer().port()).isEqualTo(4444);
            assertThat((Long) f.evidence().get("longest_seconds")).isGreaterThanOrEqualTo(9L);
        });
        assertThat(r).filteredOn(f -> f.type().equals("anomaly.new_service")).singleElement().satisfies(f -> {
            assertThat(f.device().mac()).isEqualTo("02:00:5e:99:00:10");
            assertThat(f.evidence().get("service")).isEqualTo("tcp/5555");
            assertThat(f.evidence().get("destinations")).isEqualTo(3);
        });
        // after learning one destination by name, it looked up and contacted 24 names it never used
        assertThat(r).filteredOn(f -> f.type().equals("anomaly.new_destinations")).singleElement()
                .satisfies(f -> {
                    assertThat(f.device().mac()).isEqualTo("02:00:5e:99:00:10");
                    assertThat((Integer) f.evidence().get("known_destinations")).isEqualTo(1);
                    assertThat((Integer) f.evidence().get("new_destinations")).isGreaterThanOrEqualTo(24);
                    assertThat(String.valueOf(f.evidence().get("sample"))).contains("cdn1.example");
                });
        // names a DNS answer gave are no scan targets
        assertThat(r).noneMatch(f -> f.type().startsWith("attack.scan"));
        // the heartbeat to 203.0.113.9:443 was learnt: not new, not command and control
        assertThat(r).noneMatch(f -> f.peer() != null && "203.0.113.9".equals(f.peer().ip())
                && Integer.valueOf(443).equals(f.peer().port()));
        // with the defaults (an hour of learning, an hour-long channel) a capture of seconds raises neither
        assertThat(findings("vigil-netns-lan-changes.pcap", null))
                .noneMatch(f -> f.type().equals("c2.long_lived") || f.type().startsWith("anomaly."));
    }

    @Test
    void aWindowFarOutsideTheDevicesOwnHistory() throws Exception {
        // a camera's 45 s of status requests, then 6 MB to the same cloud in one second; one-second
        // windows and 20 of them to learn on stand for the shipped five minutes and two hours
        var r = findings("vigil-netns-camera-burst.pcap", "anomaly.window=1\nanomaly.min_windows=20\nprofile.learning=30\n");
        assertThat(r).filteredOn(f -> f.type().equals("anomaly.behavior")).singleElement().satisfies(f -> {
            assertThat(f.device().mac()).isEqualTo("02:00:5e:44:00:10");
            assertThat((Double) f.evidence().get("score")).isGreaterThanOrEqualTo(5.0);
            assertThat(((Map<?, ?>) f.evidence().get("drivers")).keySet().iterator().next()).isEqualTo("bytes_out");
            assertThat(f.evidence().get("anomalous_windows")).isEqualTo(1L);
        });
        // the same device with the shipped settings: too short to have a history, nothing to say
        assertThat(findings("vigil-netns-camera-burst.pcap", null))
                .noneMatch(f -> f.type().startsWith("anomaly.") || f.type().startsWith("exfil."));
    }

    @Test
    void sameInputSameScores() throws Exception {
        assertThat(findings("vigil-netns-botnet.pcap", null)).isEqualTo(findings("vigil-netns-botnet.pcap", null));
    }
}
