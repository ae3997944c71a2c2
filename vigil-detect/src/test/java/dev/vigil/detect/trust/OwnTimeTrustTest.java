package dev.vigil.detect.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.analysis.Analyses;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.inventory.Device;
import dev.vigil.engine.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * A compromised device of an old capture, analysed with captures from later years and one whose
 * recorder had no clock: its trust is judged as of its own last packet, it is never trusted while its
 * detections are open, and the 1970 stamps are named in a warning instead of stretching the span.
 */
class OwnTimeTrustTest {

    /** Hide 'N Seek (2018), a periodic HTTPS client (2024), a syslog capture with two 1970 packets, a SYN scan (2010). */
    static AnalysisResult estate() throws Exception {
        return Analyses.of(TestData.shared("pcap/slips/test7-malicious-hidenseek.pcap"),
                TestData.shared("pcap/slips/test-cc-capture-1.pcap"), TestData.shared("pcap/ndpi/inventory/syslog.pcap"),
                TestData.shared("pcap/ndpi/suspicious/synscan.pcap"));
    }

    @Test
    void theBotnetScannerOfAnOldCaptureIsNotTrustedBesideNewerOnes() throws Exception {
        AnalysisResult r = estate();
        Device bot = Analyses.byMac(r, "b8:27:eb:c7:e9:c9");
        Assessor.DeviceAssessment a = r.assessment().devices().get(bot.id());
        // what it did in 2018 is judged in 2018: the telnet scan costs in full, not decayed by six years
        assertThat(a.trust().tier()).isEqualTo("quarantined");
        assertThat(a.trust().score()).isLessThan(40);
        assertThat(a.trust().factors()).filteredOn(f -> f.name().equals("behavior")).singleElement()
                .satisfies(f -> assertThat(f.findings()).allSatisfy(c -> assertThat(c.decay()).isGreaterThan(0.99)));
        assertThat(a.trust().openDetections()).contains("attack.telnet_scan");
        assertThat(a.risk().level()).isEqualTo("critical");
        // the SYN scanner of 2010: a lighter detection, still never trusted while it is open
        Device scanner = r.devices().stream().filter(d -> d.ips().stream().anyMatch(x -> x.ip().equals("172.16.0.8")))
                .findFirst().orElseThrow();
        Assessor.DeviceAssessment s = r.assessment().devices().get(scanner.id());
        assertThat(s.trust().openDetections()).containsExactly("attack.scan_vertical");
        assertThat(s.trust().tier()).isNotEqualTo("trusted");
        // no device with a detection is trusted
        r.findings().stream().filter(f -> f.type().startsWith("attack.") || f.type().startsWith("c2."))
                .forEach(f -> assertThat(r.assessment().devices().get(f.device().id()).trust().tier()).as(f.device().id())
                        .isNotEqualTo("trusted"));
    }

    @Test
    void nineteenSeventyStampsAreAWarningNotATimeSpan() throws Exception {
        AnalysisResult r = estate();
        assertThat(r.summary().warnings()).singleElement().asString().contains("syslog.pcap").contains("2 packets")
                .contains("1970-01-01T00:01:48").contains("before 1990");
        assertThat(r.summary().captureStart()).isEqualTo("2010-07-04T20:24:16.274870Z");
        assertThat(r.summary().captureEnd()).startsWith("2024-02-08");
        assertThat(r.summary().inputs()).filteredOn(i -> i.name().endsWith("syslog.pcap")).singleElement()
                .satisfies(i -> {
                    assertThat(i.implausibleTimes()).isEqualTo(2);
                    assertThat(i.firstPacket()).startsWith("2013");
                });
        assertThat(r.summary().inputs()).filteredOn(i -> !i.name().endsWith("syslog.pcap"))
                .allSatisfy(i -> assertThat(i.implausibleTimes()).isZero());
    }
}
