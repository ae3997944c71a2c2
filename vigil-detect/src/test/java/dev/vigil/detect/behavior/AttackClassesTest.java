package dev.vigil.detect.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.analysis.Analyses;
import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.analysis.Analyzer;
import dev.vigil.detect.findings.Finding;
import dev.vigil.engine.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The attack classes of issue 14, each on its lab recording (real tools between network namespaces,
 * scripts/record-netns-*.sh), with the shipped thresholds: the right host, as the right finding
 * type, and nothing else raised against the bystanders.
 */
class AttackClassesTest {

    static List<Finding> findings(String capture) throws Exception {
        Analyzer a = new Analyzer(AnalysisConfig.defaults().withMarkFlows(true));
        Analyses.read(a, TestData.capture(capture).toString());
        return a.finish().findings();
    }

    static List<Finding> alerts(List<Finding> all) {
        return all.stream().filter(f -> dev.vigil.detect.findings.FindingCatalog.bundled().get(f.type()).alert()).toList();
    }

    @Test
    void sshGuessingOnAnOddPortIsFoundByItsBannerAndTheShapeOfItsSessions() throws Exception {
        List<Finding> r = findings("vigil-netns-ssh-guess.pcap");
        assertThat(alerts(r)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("attack.bruteforce");
            assertThat(f.device().ip()).isEqualTo("203.0.113.66");
            assertThat(f.peer().ip()).isEqualTo("203.0.113.22");
            assertThat(f.peer().port()).isEqualTo(2222);
            assertThat(f.evidence()).containsEntry("service", "ssh").containsEntry("attempts", 40L);
        });
    }

    @Test
    void c2RetriesThatNeverConnectAreBeaconing() throws Exception {
        List<Finding> r = findings("vigil-netns-c2-retry.pcap");
        assertThat(alerts(r)).allMatch(f -> f.type().equals("c2.beaconing") && f.device().ip().equals("192.168.102.20"))
                .extracting(f -> f.peer().ip()).containsExactlyInAnyOrder("203.0.113.37", "192.0.2.61");
    }

    @Test
    void aKeptOpenTlsChannelOn443ToABareAddressWithReconnectBurstsIsC2() throws Exception {
        List<Finding> r = findings("vigil-netns-c2-tls443.pcap");
        assertThat(alerts(r)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("c2.long_lived");
            assertThat(f.device().ip()).isEqualTo("192.168.103.30");
            assertThat(f.peer().ip()).isEqualTo("203.0.113.80");
            assertThat(f.peer().port()).isEqualTo(443);
            assertThat((Long) f.evidence().get("failed_reconnects")).isEqualTo(15L);
        });
    }

    @Test
    void binariesFetchedFromTheC2AddressAreAMalwareDownload() throws Exception {
        List<Finding> r = findings("vigil-netns-download.pcap");
        assertThat(alerts(r)).filteredOn(f -> f.type().equals("c2.malware_download")).singleElement().satisfies(f -> {
            assertThat(f.device().ip()).isEqualTo("192.168.104.40");
            assertThat(f.peer().ip()).isEqualTo("203.0.113.90");
            assertThat(f.evidence()).containsEntry("downloads", 3).containsEntry("c2_port", 6738L);
        });
        assertThat(alerts(r)).noneMatch(f -> f.peer() != null && "198.51.100.80".equals(f.peer().ip()));
    }

    @Test
    void aLargeUploadInADevicesFirstHourIsJudgedAgainstItsPeers() throws Exception {
        List<Finding> r = findings("vigil-netns-cold-upload.pcap.gz");
        assertThat(alerts(r)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("exfil.large_upload");
            assertThat(f.device().mac()).isEqualTo("02:00:5e:e8:00:c3");
            assertThat(f.peer().ip()).isEqualTo("203.0.113.99");
            assertThat(f.evidence()).containsEntry("cold_start", true);
        });
    }

    @Test
    void oneStationPoisoningOneVictimIsArpSpoofing() throws Exception {
        List<Finding> r = findings("vigil-netns-arp-mitm.pcap");
        assertThat(alerts(r)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("lateral.arp_spoofing");
            assertThat(f.device().mac()).isEqualTo("02:00:5e:f8:00:66");
            assertThat(f.evidence()).containsEntry("address", "192.168.106.1");
        });
    }

    @Test
    void osDetectionOnTwoPortsIsAScanByItsPackets() throws Exception {
        List<Finding> r = findings("vigil-netns-os-probe.pcap");
        assertThat(alerts(r)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("attack.scan_vertical");
            assertThat(f.device().ip()).isEqualTo("192.168.107.66");
            assertThat(f.peer().ip()).isEqualTo("192.168.107.10");
            assertThat((String) f.evidence().get("probe_shapes")).contains("null", "syn+fin", "ack-without-handshake",
                    "tiny-window-syn", "tiny-window-syn+urgent-without-urg+reserved-bits");
        });
    }

    @Test
    void hoursLongQuietCloudSessionsOnApplicationPortsAreNotCommandAndControl() throws Exception {
        // the benign counterpart of vigil-netns-c2-tls443: three hours on tcp/8883 and two sessions on
        // tcp/443 to bare addresses (the lookups predate the capture), one without a server name, a
        // keepalive a minute, one clean reconnect and no failure
        List<Finding> r = findings("vigil-netns-cloud-session.pcap");
        assertThat(alerts(r)).isEmpty();
        assertThat(r).noneMatch(f -> f.type().startsWith("c2.") || f.type().startsWith("exfil."));
    }

    @Test
    void osDetectionThatSendsOnlySynsIsAScanByTheirHeaders() throws Exception {
        // the nmap -O recording without its NULL, FIN and ACK probes: the SEQ SYNs offer windows of
        // 1 to 63 bytes, the ECN SYN 3 bytes with an urgent pointer and no URG and a reserved bit set
        List<Finding> r = findings("vigil-netns-os-probe-syn-only.pcap");
        assertThat(alerts(r)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("attack.scan_vertical");
            assertThat(f.device().ip()).isEqualTo("192.168.107.66");
            assertThat(f.peer().ip()).isEqualTo("192.168.107.10");
            assertThat((String) f.evidence().get("probe_shapes")).isEqualTo("tiny-window-syn,tiny-window-syn+urgent-without-urg+reserved-bits");
        });
    }

    @Test
    void reflectionVictimsAreDdosTargetsWithTheReflectedProtocol() throws Exception {
        List<Finding> r = findings("vigil-netns-reflection.pcap.gz");
        assertThat(alerts(r)).allMatch(f -> f.type().equals("attack.ddos_target")).hasSize(3);
        assertThat(alerts(r)).extracting(f -> f.device().ip() + " " + f.evidence().get("reflected_protocol"))
                .containsExactlyInAnyOrder("192.168.108.10 ike", "192.168.108.20 dns", "192.168.108.30 tcp-synack");
    }
}
