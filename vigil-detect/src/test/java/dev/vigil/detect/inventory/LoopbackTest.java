package dev.vigil.detect.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.analysis.Analyses;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * Loopback (127/8, ::1), multicast and a host talking to itself are the capture host, never a device
 * of the network: no inventory row, no trust, no plan action, no quarantine. What happened there is
 * still reported, on the capture host.
 */
class LoopbackTest {

    @Test
    void theCaptureHostsLoopbackIsNoDevice() throws Exception {
        // a self-signed TLS server on 127.0.0.1 (NULL link type), HTTP on Linux loopback (SLL2), HTTP Basic
        // from a host to its own address, next to the sample's LAN
        AnalysisResult r = Analyses.of(TestData.capture("ndpi-selfsigned.pcap"), TestData.capture("vigil-sll2-loopback-http.pcap"),
                TestData.capture("zeek-http-basic-auth-colon.pcap"), TestData.repoRoot().resolve("samples/iot-lab.pcapng.gz"));
        for (Device d : r.devices()) {
            for (Device.Address a : d.ips()) {
                Ip ip = Ip.parse(a.ip());
                assertThat(ip.isLoopback() || ip.isMulticast()).as("%s of %s", a.ip(), d.id()).isFalse();
                assertThat(a.ip()).as(d.id()).isNotEqualTo("172.24.133.205");
            }
        }
        assertThat(r.assessment().devices()).doesNotContainKey(FindingRecorder.CAPTURE_HOST_ID);
        assertThat(r.assessment().plan()).noneMatch(a -> a.device().equals(FindingRecorder.CAPTURE_HOST_ID));
        // the findings on the host's own loopback stay, about the capture host
        assertThat(r.findings()).filteredOn(f -> f.device().id().equals(FindingRecorder.CAPTURE_HOST_ID))
                .extracting(f -> f.type()).contains("tls.certificate_self_signed", "credentials.cleartext.http_basic");
        assertThat(r.devices()).hasSize(Analyses.of(TestData.repoRoot().resolve("samples/iot-lab.pcapng.gz")).devices().size());
    }

    @Test
    void anExploitReplayedOnLoopbackIsReportedOnTheCaptureHost() throws Exception {
        AnalysisResult r = Analyses.of(TestData.shared("pcap/ndpi/suspicious/WebattackRCE.pcap"));
        assertThat(r.devices()).isEmpty();
        assertThat(r.findings()).filteredOn(f -> f.type().equals("attack.exploit")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.device().id()).isEqualTo(FindingRecorder.CAPTURE_HOST_ID));
        assertThat(r.assessment().plan()).isEmpty();
    }
}
