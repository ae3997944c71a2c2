package dev.vigil.detect.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.analysis.Analyses;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.engine.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * What devices state in their makers' discovery protocols becomes their vendor, type, model and
 * firmware: a real UniFi Security Gateway's announcements ({@code ndpi-ubntac2.pcap}; before,
 * "Ubiquiti, unknown"), and a lab where nmap's ubiquiti-discovery script and a Kasa app ask an
 * access point, a switch, a plug and a bulb ({@code vigil-netns-vendor-discovery.pcap}). The asker
 * learns nothing about itself.
 */
class VendorDiscoveryInventoryTest {

    @Test
    void aRealUnifiGatewayIsARouterWithItsModelAndFirmware() throws Exception {
        AnalysisResult r = Analyses.of(TestData.capture("ndpi-ubntac2.pcap"));
        Device usg = Analyses.byMac(r, "80:2a:a8:8d:69:2c");
        assertThat(usg.vendor()).isEqualTo("Ubiquiti");
        assertThat(usg.type()).isEqualTo("router");
        assertThat(usg.model()).isEqualTo("UGW3");
        assertThat(usg.firmware()).isEqualTo("4.3.33.4936086");
        assertThat(usg.evidence()).anyMatch(e -> e.source().equals("ubnt.platform")
                && e.observed().equals("UniFiSecurityGateway"));
    }

    @Test
    void labDevicesAreNamedByTheirOwnWord() throws Exception {
        AnalysisResult r = Analyses.of(TestData.capture("vigil-netns-vendor-discovery.pcap"));

        Device ap = Analyses.byMac(r, "24:5a:4c:78:00:20");
        assertThat(ap.vendor()).isEqualTo("Ubiquiti");
        assertThat(ap.type()).isEqualTo("router"); // access points are typed with routers (no type of their own)
        assertThat(ap.model()).isEqualTo("UAP-AC-Lite");
        assertThat(ap.firmware()).isEqualTo("4.3.28.11361");
        assertThat(ap.hostnames()).contains("uap-lobby");

        Device sw = Analyses.byMac(r, "24:5a:4c:78:00:21");
        assertThat(sw.type()).isEqualTo("switch");
        assertThat(sw.model()).isEqualTo("US8P60");
        assertThat(sw.hostnames()).contains("usw-office");

        Device plug = Analyses.byMac(r, "50:c7:bf:78:00:30");
        assertThat(plug.vendor()).isEqualTo("TP-Link");
        assertThat(plug.type()).isEqualTo("plug");
        assertThat(plug.model()).isEqualTo("HS110");
        assertThat(plug.firmware()).isEqualTo("1.2.5");

        Device bulb = Analyses.byMac(r, "1c:3b:f3:78:00:31");
        assertThat(bulb.type()).isEqualTo("light");
        assertThat(bulb.model()).isEqualTo("KL130");
        assertThat(bulb.firmware()).isEqualTo("1.8.8");

        Device app = Analyses.byMac(r, "02:00:5e:78:00:05");
        assertThat(app.model()).isNull();
        assertThat(app.vendor()).isNull();
        assertThat(app.type()).isEqualTo("unknown");
    }

    @Test
    void aTuyaDeviceOnAnEspressifModuleIsTuyas() throws Exception {
        // nDPI's tuya_lp.pcap: the MAC block is the radio module's maker (kept as evidence)
        AnalysisResult r = Analyses.of(TestData.capture("ndpi-tuya-lp.pcap"));
        Device d = Analyses.byMac(r, "cc:50:e3:7d:bd:3f");
        assertThat(d.vendor()).isEqualTo("Tuya");
        assertThat(d.model()).isEqualTo("keyxfhf7ryk8ftcx");
        assertThat(d.evidence()).anyMatch(e -> e.source().equals("oui") && e.observed().contains("Espressif"));
    }
}
