package dev.vigil.detect.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.behavior.MemoryBudget;
import dev.vigil.detect.findings.Finding;
import dev.vigil.engine.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service bounds detection after every window. A budget that does not bind changes nothing; one
 * that binds hard lets go of old observations and keys, and detection still reports the attacks of
 * real captures; keys idle past the horizon are forgotten, and what comes back is learnt afresh
 * without counting twice what was reported.
 */
class BoundedDetectionTest {

    static final MemoryBudget.Limits ROOMY = new MemoryBudget.Limits(1L << 30, 1L << 30, 1L << 30);

    static List<List<Finding>> bounded(String capture, double seconds, MemoryBudget.Limits limits, long[] shed)
            throws Exception {
        AnalysisConfig config = AnalysisConfig.defaults();
        return ContinuingDetectionTest.windows(config, capture, seconds, new Detection(config), d -> {
            MemoryBudget.Use u = d.bound(Long.MIN_VALUE, limits, 1);
            shed[0] += u.shed() + u.trimmed();
            return d;
        });
    }

    @Test
    void aBudgetThatDoesNotBindChangesNothing() throws Exception {
        for (String name : List.of("vigil-netns-lan-attacks.pcap", "vigil-netns-botnet.pcap")) {
            String capture = TestData.capture(name).toString();
            List<List<Finding>> plain = ContinuingDetectionTest.windows(AnalysisConfig.defaults(), capture, 1, true);
            long[] shed = {0};
            assertThat(bounded(capture, 1, ROOMY, shed)).as(name).isEqualTo(plain);
            assertThat(shed[0]).isZero();
        }
    }

    @Test
    void aBudgetThatBindsHardStillReportsTheAttacks() throws Exception {
        String capture = TestData.capture("vigil-netns-lan-attacks.pcap").toString();
        List<String> reference = types(ContinuingDetectionTest.whole(AnalysisConfig.defaults(), capture));
        long[] shed = {0};
        // 2 KiB for everything: a handful of short series
        List<String> tight = types(ContinuingDetectionTest.all(bounded(capture, 1,
                new MemoryBudget.Limits(512, 2048, 2048), shed)));
        assertThat(shed[0]).isPositive();
        assertThat(tight).containsAnyElementsOf(reference.stream().filter(t -> t.startsWith("attack.")).toList());
        String scan = TestData.capture("ndpi-tcp-scan.pcapng").toString();
        long[] scanShed = {0};
        assertThat(types(ContinuingDetectionTest.all(bounded(scan, 0.2, new MemoryBudget.Limits(1024, 4096, 4096),
                scanShed)))).contains("attack.scan_vertical");
        assertThat(scanShed[0]).isPositive();
    }

    @Test
    void keysIdlePastTheHorizonAreForgottenAndNothingIsCountedTwice() throws Exception {
        AnalysisConfig config = AnalysisConfig.defaults();
        Detection d = new Detection(config);
        String capture = TestData.capture("vigil-netns-lan-attacks.pcap").toString();
        ContinuingDetectionTest.windows(config, capture, 1, d, x -> x);
        int full = DetectionState.save(d, config).length;
        MemoryBudget.Use kept = d.bound(Long.MIN_VALUE, ROOMY, 1);
        MemoryBudget.Use u = d.bound(Long.MAX_VALUE, ROOMY, 1);
        assertThat(kept.keys()).isPositive();
        assertThat(u.forgotten()).isEqualTo(kept.keys());
        assertThat(u.keys()).isZero();
        assertThat(DetectionState.save(d, config).length).isLessThan(full);
        // the same traffic again is learnt afresh, but what was reported before is not counted twice
        List<Finding> again = ContinuingDetectionTest.all(ContinuingDetectionTest.windows(config, capture, 1, d, x -> x));
        assertThat(d.bound(Long.MIN_VALUE, ROOMY, 1).keys()).isEqualTo(kept.keys());
        assertThat(again).filteredOn(f -> f.type().startsWith("attack.scan")).allSatisfy(f -> assertThat(f.count()).isZero());
    }

    static List<String> types(List<Finding> findings) {
        return findings.stream().map(Finding::type).distinct().sorted().toList();
    }
}
