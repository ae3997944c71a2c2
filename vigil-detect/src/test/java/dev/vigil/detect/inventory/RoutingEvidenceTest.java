package dev.vigil.detect.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.analysis.Analyses;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.engine.testing.TestData;
import org.junit.jupiter.api.Test;

/** "Router" needs routing evidence; a switch is a switch; the monitored network of a public LAN. */
class RoutingEvidenceTest {

    /**
     * {@code vigil-netns-public-lan.pcap} (scripts/record-netns-public-lan.sh): two hosts and a router
     * on 198.51.100.0/24, an outside host 203.0.113.5 behind the router, no private address and no ARP.
     * Layer-2 adjacency makes the two hosts' addresses the monitored network; the router forwards for
     * the outside host (routing evidence), the hosts forward nothing.
     */
    @Test
    void aLanOnPublicAddressesIsInferredFromLayerTwoAdjacency() throws Exception {
        AnalysisResult r = Analyses.of(TestData.capture("vigil-netns-public-lan.pcap"));
        Device a = Analyses.byMac(r, "02:00:5e:51:00:10");
        Device b = Analyses.byMac(r, "02:00:5e:51:00:20");
        Device router = Analyses.byMac(r, "02:00:5e:51:00:01");
        assertThat(r.devices()).hasSize(3);
        for (Device host : new Device[] {a, b}) {
            assertThat(host.type()).isNotEqualTo("router");
            assertThat(host.role()).isNull();
            assertThat(host.evidence()).noneMatch(e -> e.value().equals("router"));
        }
        assertThat(a.ips()).extracting(Device.Address::ip).containsExactly("198.51.100.10");
        assertThat(b.ips()).extracting(Device.Address::ip).containsExactly("198.51.100.20");
        assertThat(router.type()).isEqualTo("router");
        assertThat(router.ips()).extracting(Device.Address::ip).containsExactly("198.51.100.1");
        assertThat(a.traffic().internalPeers()).isEqualTo(2);
        assertThat(a.traffic().externalPeers()).isEqualTo(1);
    }

    /** LLDP and CDP from two Catalyst 3560s (bridge capabilities only): switches, with model and firmware. */
    @Test
    void switchesAnnouncingBridgeCapabilitiesAreSwitches() throws Exception {
        AnalysisResult r = Analyses.of(TestData.capture("LLDP_and_CDP.pcap"));
        Device s1 = Analyses.byMac(r, "00:18:ba:98:68:8f");
        assertThat(s1.type()).isEqualTo("switch");
        assertThat(s1.model()).isEqualTo("WS-C3560-24TS");
        assertThat(s1.firmware()).isEqualTo("12.2(44)SE");
        assertThat(Analyses.byMac(r, "00:19:2f:a7:b2:8d").type()).isEqualTo("switch");
        assertThat(Analyses.byMac(Analyses.of(TestData.capture("3560_CDP.pcap")), "00:19:06:ea:b8:85").type())
                .isEqualTo("switch");
    }

    /** Zeek's lldp.pcap: an SMC GS8P smart switch (LLDP, bridge capability) names its model and firmware. */
    @Test
    void aSwitchsLldpDescriptionGivesItsModelAndFirmware() throws Exception {
        Device s = Analyses.byMac(Analyses.of(TestData.shared("pcap/zeek/inventory/lldp.pcap")), "00:22:2d:81:db:10");
        assertThat(s.type()).isEqualTo("switch");
        assertThat(s.model()).isEqualTo("SMCGS8P-Smart");
        assertThat(s.firmware()).isEqualTo("3.20");
        assertThat(s.role()).isNull();
    }

    /** A Cisco 1601 whose CDP capabilities say router: its own statement is routing evidence. */
    @Test
    void aRouterThatSaysSoInCdpStaysARouter() throws Exception {
        Device r1 = Analyses.byMac(Analyses.of(TestData.capture("zeek-cdp-v1.pcap")), "00:e0:1e:d5:d5:15");
        assertThat(r1.type()).isEqualTo("router");
        assertThat(r1.model()).isEqualTo("1601");
    }

    /** Without routing evidence, a network vendor's MAC block or a DNS service says nothing of "router". */
    @Test
    void routerEvidenceWithoutRoutingDoesNotCount() {
        java.util.List<Evidence> ev = java.util.List.of(
                new Evidence("oui", "Cisco Systems, Inc", "type", "router", 0.2, 1, null),
                new Evidence("service", "udp/53", "type", "router", 0.5, 2, null),
                new Evidence("lldp.capability", "telephone", "type", "phone", 0.8, 3, null));
        assertThat(Weighing.scoredForType(ev)).extracting(Evidence::value).containsExactly("phone");
        java.util.List<Evidence> routed = new java.util.ArrayList<>(ev);
        routed.add(new Evidence("role", "forwards traffic for 40 addresses beyond the local network", "type", "router",
                0.9, 0, null));
        assertThat(Weighing.scoredForType(routed)).hasSize(4);
    }
}
