package dev.vigil.detect.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.analysis.Analyses;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.findings.Finding;
import dev.vigil.engine.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code vigil-netns-portscan.pcap}: one nmap connect scan of an outside host that filters most ports,
 * over a path that loses most new connections, so that nmap tries each of the 18 filtered ports ten
 * times, seconds apart: a failed, periodic series on an uncommon port for each, the shape of a bot
 * calling a dead server. They are the scan: one scan finding, no beacon.
 */
class ScanRetriesTest {

    @Test
    void aScannersRetriesAreTheScanNotCommandAndControl() throws Exception {
        AnalysisResult r = Analyses.of(TestData.capture("vigil-netns-portscan.pcap"));
        List<Finding> detections = r.findings().stream()
                .filter(f -> f.type().startsWith("attack.") || f.type().startsWith("c2.")).toList();
        assertThat(detections).extracting(Finding::type).containsExactly("attack.scan_vertical");
        Finding scan = detections.get(0);
        assertThat(scan.device().ip()).isEqualTo("192.168.47.30");
        assertThat(scan.peer().ip()).isEqualTo("203.0.113.47");
        assertThat(scan.device().role()).isEqualTo("actor");
    }
}
