package dev.vigil.detect.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.analysis.Analyses;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.engine.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * Syslog names its senders: host names from logger's headers ({@code vigil-netns-syslog.pcap}),
 * and firewalls and switches naming their product in real messages ({@code ndpi-syslog-pppoe.pcap}:
 * a FortiGate 61E, Cisco IOS routers). A relay's forwarded messages are not its own, nor are the
 * messages that reach the collector through a router's MAC.
 */
class SyslogInventoryTest {

    private static Device at(AnalysisResult r, String ip) {
        return r.devices().stream().filter(d -> d.ips().stream().anyMatch(a -> a.ip().equals(ip))).findFirst()
                .orElseThrow(() -> new AssertionError("no device at " + ip));
    }

    @Test
    void loggersAreNamedAndARelayIsNot() throws Exception {
        AnalysisResult r = Analyses.of(TestData.capture("vigil-netns-syslog.pcap"));
        // its short name and its FQDN are one host's
        assertThat(Analyses.byMac(r, "00:1b:54:82:00:20").hostnames()).contains("core-sw1", "core-sw1.lab.example");
        assertThat(Analyses.byMac(r, "00:11:32:82:00:21").hostnames()).contains("nas01");
        assertThat(Analyses.byMac(r, "00:40:8c:82:00:22").hostnames()).contains("cam-lobby");
        assertThat(Analyses.byMac(r, "02:00:5e:82:00:31").hostnames()).contains("app-a");
        assertThat(Analyses.byMac(r, "02:00:5e:82:00:32").hostnames()).contains("app-b");
        Device relay = Analyses.byMac(r, "02:00:5e:82:00:30");
        assertThat(relay.hostnames()).isEmpty();
        assertThat(relay.evidence()).noneMatch(e -> e.source().startsWith("syslog") || e.source().equals("hostname.syslog"));
    }

    @Test
    void firewallsNameThemselvesInTheirLogs() throws Exception {
        AnalysisResult r = Analyses.of(TestData.capture("ndpi-syslog-pppoe.pcap"));
        Device forti = at(r, "10.11.105.154");
        assertThat(forti.vendor()).isEqualTo("Fortinet");
        assertThat(forti.model()).isEqualTo("FGT61E");
        assertThat(forti.type()).isEqualTo("router");
        // two Linux hosts on another subnet log through one router's MAC: their names are not the router's
        Device routed = Analyses.byMac(r, "44:4c:a8:93:36:d7");
        assertThat(routed.hostnames()).doesNotContain("ndc3lvmsdptd2", "NDC3CLNDMVA22");
        assertThat(routed.evidence()).noneMatch(e -> e.source().startsWith("syslog"));
        // Cisco IOS's FACILITY-SEVERITY-MNEMONIC: the maker and its OS, not a type (IOS runs on switches too)
        Device ios = at(r, "192.168.121.10");
        assertThat(ios.vendor()).isEqualTo("Cisco");
        assertThat(ios.os()).isEqualTo("Cisco IOS");
    }
}
