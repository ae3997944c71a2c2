package dev.vigil.detect.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.analysis.Analyzer;
import dev.vigil.detect.analysis.Progress;
import dev.vigil.detect.intel.Indicators;
import dev.vigil.engine.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detectors that need a learnt baseline, on a recorded lab capture that lasts seconds: the
 * learning period is shortened through the thresholds file, as an operator would for a short test.
 */
class LearningDetectionTest {

    @TempDir
    Path tmp;

    @Test
    void anUploadToADestinationNewSinceLearningIsReported() throws Exception {
        Path props = tmp.resolve("short.properties");
        Files.writeString(props, "profile.learning=1\nexfil.min_bytes=1000000\n");
        Analyzer a = new Analyzer(AnalysisConfig.defaults().withDetection(DetectionConfig.load(props), Indicators.empty())
                .withMarkFlows(true));
        a.addInput(TestData.capture("vigil-netns-lan-attacks.pcap").toString(), Progress.NONE);
        AnalysisResult r = a.finish();
        assertThat(r.findings()).filteredOn(f -> f.type().equals("exfil.large_upload")).singleElement().satisfies(f -> {
            assertThat(f.device().ip()).isEqualTo("192.168.88.10");
            assertThat((Long) f.evidence().get("bytes_out")).isGreaterThan(1_000_000L);
        });
        // with the default hour of learning, a capture of seconds never leaves it
        Analyzer b = new Analyzer(AnalysisConfig.defaults());
        b.addInput(TestData.capture("vigil-netns-lan-attacks.pcap").toString(), Progress.NONE);
        assertThat(b.finish().findings()).noneMatch(f -> f.type().startsWith("exfil.") || f.type().startsWith("anomaly."));
    }

    @Test
    void sameInputSameScores() throws Exception {
        String c = TestData.capture("vigil-netns-botnet.pcap").toString();
        Analyzer x = new Analyzer(AnalysisConfig.defaults());
        x.addInput(c, Progress.NONE);
        Analyzer y = new Analyzer(AnalysisConfig.defaults());
        y.addInput(c, Progress.NONE);
        assertThat(x.finish().findings()).isEqualTo(y.finish().findings());
    }
}
