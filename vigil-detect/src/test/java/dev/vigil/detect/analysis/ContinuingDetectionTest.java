package dev.vigil.detect.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.behavior.DetectionConfig;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.intel.Indicators;
import dev.vigil.detect.policy.Supersession;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.capture.Captures;
import dev.vigil.engine.capture.PacketSource;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.testing.TestData;
import dev.vigil.inputs.zeek.ZeekConnReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service analyses its input window by window, with one {@link Detection} carried through the
 * windows. What it detects must be what one analysis of the whole input detects, even when every
 * attack spans many windows, and the counts the windows report must add up without repeats.
 */
class ContinuingDetectionTest {

    @TempDir
    Path tmp;

    static final Set<String> FAMILIES = Set.of("attack", "c2", "exfil", "lateral", "anomaly", "behavior");

    static boolean behavioural(Finding f) {
        return FAMILIES.contains(f.type().substring(0, f.type().indexOf('.')));
    }

    /** type, device and peer: what a store keeps as one row. */
    static Set<String> keys(List<Finding> findings) {
        Set<String> out = new TreeSet<>();
        for (Finding f : findings) {
            if (behavioural(f)) {
                out.add(Detection.key(f));
            }
        }
        return out;
    }

    /** The defaults with these thresholds changed, as an operator's --detection file would. */
    AnalysisConfig thresholds(String properties) throws Exception {
        Path props = Files.createTempFile(tmp, "detection", ".properties");
        Files.writeString(props, properties);
        return AnalysisConfig.defaults().withDetection(DetectionConfig.load(props), Indicators.empty());
    }

    static List<Finding> whole(AnalysisConfig config, String capture) throws Exception {
        Analyzer a = new Analyzer(config);
        Analyses.read(a, capture);
        return a.finish().findings();
    }

    /** Analyses the capture in windows of {@code seconds} of packet time, as the service does. */
    static List<List<Finding>> windows(AnalysisConfig config, String capture, double seconds, boolean carry)
            throws Exception {
        return windows(config, capture, seconds, carry ? new Detection(config) : null, d -> d);
    }

    /** As above, from {@code detection}; {@code between} gives the detection the next window continues. */
    static List<List<Finding>> windows(AnalysisConfig config, String capture, double seconds, Detection first,
            java.util.function.UnaryOperator<Detection> between) throws Exception {
        List<List<Finding>> out = new ArrayList<>();
        Detection detection = first;
        long length = (long) (seconds * 1e9);
        RawPacket raw = new RawPacket();
        Analyzer a = null;
        long start = 0;
        try (PacketSource src = Captures.open(capture, config.captures(), new AnomalyCounters())) {
            while (src.next(raw)) {
                if (a != null && raw.timestampNanos - start >= length) {
                    a.endOfInput();
                    out.add(a.finish().findings());
                    a = null;
                    detection = between.apply(detection);
                }
                if (a == null) {
                    a = new Analyzer(config, detection);
                    start = raw.timestampNanos;
                }
                a.accept(raw);
            }
        }
        a.endOfInput();
        out.add(a.finish().findings());
        return out;
    }

    static List<Finding> all(List<List<Finding>> windows) {
        return windows.stream().flatMap(List::stream).toList();
    }

    /** Counts per store row, summed over the windows. */
    static Map<String, Long> counts(List<Finding> findings) {
        Map<String, Long> m = new TreeMap<>();
        for (Finding f : findings) {
            if (behavioural(f)) {
                m.merge(Detection.key(f), f.count(), Long::sum);
            }
        }
        return m;
    }

    @Test
    void aSlowScanSpanningWindowsIsFoundOnceWithItsCount() throws Exception {
        AnalysisConfig config = AnalysisConfig.defaults();
        String capture = TestData.capture("ndpi-tcp-scan.pcapng").toString();
        List<Finding> reference = whole(config, capture);
        assertThat(keys(reference)).anyMatch(k -> k.startsWith("attack.scan_vertical|"));
        List<List<Finding>> windows = windows(config, capture, 5, true);
        assertThat(windows.size()).isGreaterThan(5);
        assertThat(keys(all(windows))).isEqualTo(keys(reference));
        assertThat(counts(all(windows))).isEqualTo(counts(reference));
        // each window on its own sees a handful of ports: not a scan
        assertThat(keys(all(windows(config, capture, 5, false)))).noneMatch(k -> k.startsWith("attack.scan_vertical|"));
    }

    @Test
    void aBaselineLearntInOneWindowJudgesTheNext() throws Exception {
        AnalysisConfig config = thresholds("profile.learning=1\nexfil.min_bytes=1000000\n");
        String capture = TestData.capture("vigil-netns-lan-attacks.pcap").toString();
        List<Finding> reference = whole(config, capture);
        assertThat(keys(reference)).anyMatch(k -> k.startsWith("exfil.large_upload|"));
        List<List<Finding>> windows = windows(config, capture, 1, true);
        assertThat(windows.size()).isGreaterThan(3);
        assertThat(keys(all(windows))).isEqualTo(keys(reference));
        // without the carried baseline every window's devices are new: only the cold-start judgement
        // (against the device's peers) can name the upload, never the learnt one
        assertThat(all(windows(config, capture, 1, false))).filteredOn(f -> f.type().equals("exfil.large_upload"))
                .allMatch(f -> Boolean.TRUE.equals(f.evidence().get("cold_start")));
        assertThat(reference).filteredOn(f -> f.type().equals("exfil.large_upload"))
                .anyMatch(f -> f.evidence().get("cold_start") == null);
    }

    @Test
    void aConnectionCutByTheWindowsIsOneLongConnectionNotABeacon() throws Exception {
        AnalysisConfig config = thresholds("c2.long_lived=5\nbeacon.min_traits=1\n");
        String capture = TestData.capture("vigil-netns-lan-changes.pcap").toString();
        List<Finding> reference = whole(config, capture);
        assertThat(keys(reference)).contains("c2.long_lived|mac:02:00:5e:99:00:10|203.0.113.66:4444");
        // the 12-second channel spans a dozen one-second windows, each of which ends it and starts it again
        List<Finding> served = all(windows(config, capture, 1, true));
        assertThat(keys(served)).isEqualTo(keys(reference));
        assertThat(keys(served)).noneMatch(k -> k.startsWith("c2.beaconing|") && k.endsWith("203.0.113.66:4444"));
    }

    @Test
    void attacksOfABotnetLabAcrossOneSecondWindows() throws Exception {
        AnalysisConfig config = AnalysisConfig.defaults();
        String capture = TestData.capture("vigil-netns-botnet.pcap").toString();
        List<Finding> reference = whole(config, capture);
        List<List<Finding>> windows = windows(config, capture, 1, true);
        assertThat(windows.size()).isGreaterThan(2);
        // the flood looks like a port scan of its victim until it is seen whole: the store drops
        // the scan when the flood arrives, as one analysis does
        assertThat(keys(Supersession.bundled().apply(all(windows)))).isEqualTo(keys(reference));
        assertThat(counts(Supersession.bundled().apply(all(windows))).keySet()).isEqualTo(counts(reference).keySet());
    }

    @Test
    void beaconingInAFlowLogSpanningHundredsOfWindows() throws Exception {
        Path log = TestData.shared("flows/stratosphere/001-njrat.labeled-conn.log");
        Assumptions.assumeTrue(log != null && Files.exists(log), "skipped: ../shared/data not present");
        AnalysisConfig config = AnalysisConfig.defaults();
        Analyzer one = new Analyzer(config);
        Analyses.read(one, log.toString());
        List<Finding> reference = one.finish().findings();
        assertThat(keys(reference)).anyMatch(k -> k.startsWith("c2.beaconing|"));
        // flow windows of 50 records each (the service cuts them by count and by the wall clock)
        Detection detection = new Detection(config);
        List<Finding> served = new ArrayList<>();
        try (ZeekConnReader r = ZeekConnReader.open(log, new AnomalyCounters())) {
            Analyzer a = new Analyzer(config, detection);
            int n = 0;
            ZeekConnReader.Row row;
            while ((row = r.nextRow()) != null) {
                a.acceptFlow(row.flow());
                if (++n % 50 == 0) {
                    a.endOfInput();
                    served.addAll(a.finish().findings());
                    a = new Analyzer(config, detection);
                }
            }
            a.endOfInput();
            served.addAll(a.finish().findings());
        }
        assertThat(detection.checkpoints()).isGreaterThan(10);
        assertThat(keys(served)).anyMatch(k -> k.startsWith("c2.beaconing|"));
    }
}
