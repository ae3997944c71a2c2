package dev.vigil.detect.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.analysis.Analyses;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.engine.testing.TestData;
import org.junit.jupiter.api.Test;

/** Fingerbank's DHCP fingerprints weighed against what a vendor class claims. */
class DhcpFingerprintTest {

    @Test
    void theBundledDatabaseKnowsWindowsAndBusyboxLists() {
        DhcpFingerprints bank = DhcpFingerprints.bundled();
        assertThat(bank.stacks("1,15,3,6,44,46,47,31,33,121,249,43,252")).isNotEmpty()
                .allMatch(DhcpFingerprints.Stack::windows);
        assertThat(bank.stacks("1,3,6,12,15,28,42")).isNotEmpty().noneMatch(DhcpFingerprints.Stack::windows);
        assertThat(bank.stacks("no,such,list")).isEmpty();
    }

    /**
     * {@code vigil-netns-dhcp-imitation.pcap} (scripts/record-netns-dhcp-imitation.sh): busybox udhcpc
     * saying "MSFT 5.0". Its parameter list is busybox's, no Windows client's: not a Windows computer.
     */
    @Test
    void embeddedFirmwareImitatingWindowsIsNotTypedAComputer() throws Exception {
        Device d = Analyses.byMac(Analyses.of(TestData.capture("vigil-netns-dhcp-imitation.pcap")), "02:00:5e:61:00:40");
        assertThat(d.identity().dhcpVendorClass()).isEqualTo("MSFT 5.0");
        assertThat(d.type()).isNotEqualTo("computer");
        assertThat(d.os()).isNotEqualTo("Windows");
        assertThat(d.evidence()).anyMatch(e -> e.source().equals("dhcp.vendor_class")
                && e.observed().contains("not a Windows client's") && e.weight() < 0.2);
    }

    /** ndpi 1kxun.pcap: Windows 7 laptops (MSFT 5.0 and Windows's own list) stay Windows computers. */
    @Test
    void windowsClientsWithTheirOwnListStayComputers() throws Exception {
        AnalysisResult r = Analyses.of(TestData.shared("pcap/ndpi/inventory/1kxun.pcap"));
        for (String mac : new String[] {"70:f1:a1:f8:2a:fd", "48:d2:24:63:0a:de"}) {
            Device d = Analyses.byMac(r, mac);
            assertThat(d.type()).isEqualTo("computer");
            assertThat(d.os()).isEqualTo("Windows");
            assertThat(d.evidence()).anyMatch(e -> e.source().equals("fingerbank.dhcp") && e.value().equals("Windows"));
        }
    }
}
