package dev.vigil.detect.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.analysis.Analyses;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.engine.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Discovery answers describe who sends them. {@code vigil-netns-discovery.pcap}: a phone asks, a hub
 * with a Philips OUI answers unicast to the phone's port over SSDP (SERVER, LOCATION), mDNS (legacy
 * unicast), LLMNR and WS-Discovery (ProbeMatches from wsdd). Every answer is the hub's; the phone
 * learns nothing about itself from them.
 */
class DiscoveryAttributionTest {

    static final List<String> DISCOVERY = List.of("ssdp.server", "ssdp.type", "upnp.", "hostname.mdns", "hostname.llmnr",
            "wsd.", "mdns.");

    @Test
    void unicastAnswersAreTheRespondersNotTheAskers() throws Exception {
        AnalysisResult r = Analyses.of(TestData.capture("vigil-netns-discovery.pcap"));
        Device hub = Analyses.byMac(r, "00:17:88:46:00:10");
        Device phone = Analyses.byMac(r, "02:00:5e:46:00:20");
        assertThat(phone.type()).isEqualTo("unknown");
        assertThat(phone.vendor()).isNull();
        assertThat(phone.hostnames()).isEmpty();
        assertThat(phone.evidence()).noneMatch(e -> DISCOVERY.stream().anyMatch(p -> e.source().startsWith(p)));
        assertThat(hub.type()).isEqualTo("hub");
        assertThat(hub.vendor()).isEqualTo("Philips");
        assertThat(hub.hostnames()).contains("philips-hue", "hue-bridge");
        assertThat(hub.evidence()).extracting(Evidence::source)
                .contains("ssdp.server", "upnp.model", "hostname.mdns", "hostname.llmnr", "wsd.type");
        assertThat(hub.evidence()).anyMatch(e -> e.source().equals("ssdp.server") && e.observed().contains("IpBridge/1.26.0"));
    }

    @Test
    void browserAnnouncementsNameTheirSender() throws Exception {
        AnalysisResult r = Analyses.of(TestData.capture("ndpi-netbios.pcap"));
        assertThat(holder(r, "10.0.5.9").hostnames()).contains("NVR9");
        assertThat(holder(r, "10.0.5.93").hostnames()).contains("BOWIE");
    }

    static Device holder(AnalysisResult r, String ip) {
        return r.devices().stream().filter(d -> d.ips().stream().anyMatch(a -> a.ip().equals(ip))).findFirst().orElseThrow();
    }
}
