package dev.vigil.detect.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.detect.behavior.DetectionConfig;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.intel.Indicators;
import dev.vigil.engine.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Detection state written after every window and read back into a new {@link Detection} (what a
 * service that is killed and started again does) detects exactly what one detection carried through
 * the windows does: the same findings, in the same windows, with the same counts and evidence.
 */
class DetectionStateTest {

    @TempDir
    Path tmp;

    /** Each window's findings, as text; with {@code restore}, the detection is saved and read back between windows. */
    static List<String> windows(AnalysisConfig config, String capture, double seconds, boolean restore) throws Exception {
        return ContinuingDetectionTest.windows(config, capture, seconds, new Detection(config), d -> {
            if (!restore) {
                return d;
            }
            try {
                return (Detection) DetectionState.load(DetectionState.save(d, config), config);
            } catch (DetectionState.StateException e) {
                throw new AssertionError(e);
            }
        }).stream().map(DetectionStateTest::text).toList();
    }

    static String text(List<Finding> findings) {
        StringBuilder b = new StringBuilder();
        for (Finding f : findings) {
            b.append(f.type()).append(' ').append(f.device().id()).append(' ').append(f.peer()).append(' ').append(f.count())
                    .append(' ').append(f.severity()).append(' ').append(f.firstSeen()).append(' ').append(f.lastSeen())
                    .append(' ').append(new java.util.TreeMap<>(f.evidence())).append('\n');
        }
        return b.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"vigil-netns-botnet.pcap", "vigil-netns-c2-retry.pcap", "vigil-netns-ssh-guess.pcap",
            "ndpi-tcp-scan.pcapng", "vigil-netns-lan-attacks.pcap", "vigil-netns-reflection.pcap.gz",
            "vigil-netns-c2-tls443.pcap", "vigil-netns-arp-mitm.pcap"})
    void restoredAfterEveryWindowDetectsWhatOneDetectionDoes(String name) throws Exception {
        AnalysisConfig config = AnalysisConfig.defaults();
        String capture = TestData.capture(name).toString();
        List<String> carried = windows(config, capture, 2, false);
        assertThat(String.join("", carried)).as("the capture has detections").isNotBlank();
        assertThat(windows(config, capture, 2, true)).isEqualTo(carried);
    }

    /**
     * Every bundled capture (and, with -Dvigil.state.captures=DIR, every capture under DIR), saved and
     * read back after every window: whatever a detector keeps must be state that can be written.
     */
    @Test
    void everyBundledCaptureRoundTripsAfterEveryWindow() throws Exception {
        AnalysisConfig config = AnalysisConfig.defaults();
        List<Path> captures = new java.util.ArrayList<>();
        String extra = System.getProperty("vigil.state.captures");
        for (Path dir : extra == null ? List.of(TestData.capture("tftp.pcap").getParent())
                : List.of(TestData.capture("tftp.pcap").getParent(), Path.of(extra))) {
            try (var s = Files.walk(dir)) {
                s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng)(\\.gz)?$")).sorted().forEach(captures::add);
            }
        }
        assertThat(captures).hasSizeGreaterThan(50);
        List<String> differ = new java.util.ArrayList<>();
        for (Path c : captures) {
            if (!windows(config, c.toString(), 5, true).equals(windows(config, c.toString(), 5, false))) {
                differ.add(c.getFileName().toString());
            }
        }
        assertThat(differ).as("captures whose restored detection differs").isEmpty();
    }

    @Test
    void aLearntBaselineAndAnomalyForestsSurviveTheRoundTrip() throws Exception {
        // short learning and anomaly windows, so the profiles and their forests are built and scored within the capture
        Path props = Files.createTempFile(tmp, "detection", ".properties");
        Files.writeString(props, "profile.learning=1\nexfil.min_bytes=1000000\nanomaly.window=1\nanomaly.min_windows=2\n");
        AnalysisConfig config = AnalysisConfig.defaults().withDetection(DetectionConfig.load(props), Indicators.empty());
        String capture = TestData.capture("vigil-netns-lan-attacks.pcap").toString();
        List<String> carried = windows(config, capture, 1, false);
        assertThat(String.join("", carried)).contains("exfil.large_upload");
        assertThat(windows(config, capture, 1, true)).isEqualTo(carried);
    }

    @Test
    void aChangedThresholdAppliesToRestoredState() throws Exception {
        AnalysisConfig config = AnalysisConfig.defaults();
        Detection d = new Detection(config);
        Path props = Files.createTempFile(tmp, "detection", ".properties");
        Files.writeString(props, "beacon.min_connections=4\n");
        AnalysisConfig changed = config.withDetection(DetectionConfig.load(props), Indicators.empty());
        Detection back = (Detection) DetectionState.load(DetectionState.save(d, config), changed);
        assertThat(back).isNotNull();
        assertThat(DetectionState.version(DetectionState.save(d, config))).isEqualTo(Version.VALUE);
    }

    @Test
    void damagedOrForeignBytesAreRefusedNotRead() throws Exception {
        AnalysisConfig config = AnalysisConfig.defaults();
        byte[] good = DetectionState.save(new Detection(config), config);
        byte[] cut = java.util.Arrays.copyOf(good, good.length / 2);
        assertThatThrownBy(() -> DetectionState.load(cut, config)).isInstanceOf(DetectionState.StateException.class);
        assertThatThrownBy(() -> DetectionState.load("not a state".getBytes(), config))
                .isInstanceOf(DetectionState.StateException.class);
        // a class outside the allowed ones (here a JDK class that is no collection) is refused by the filter
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream head = new java.io.DataOutputStream(bytes)) {
            head.writeUTF(DetectionState.FORMAT);
            head.writeUTF(Version.VALUE);
            try (java.io.ObjectOutputStream o = new java.io.ObjectOutputStream(new java.util.zip.DeflaterOutputStream(head))) {
                o.writeObject(new javax.security.auth.Subject());
            }
        }
        assertThatThrownBy(() -> DetectionState.load(bytes.toByteArray(), config))
                .isInstanceOf(DetectionState.StateException.class).hasMessageContaining("refused");
    }
}
