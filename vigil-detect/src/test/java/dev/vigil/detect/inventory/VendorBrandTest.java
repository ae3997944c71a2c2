package dev.vigil.detect.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.analysis.Analyses;
import dev.vigil.engine.testing.TestData;
import org.junit.jupiter.api.Test;

/** The vendor is the product's brand where the traffic shows it; the IEEE registrant stays as evidence. */
class VendorBrandTest {

    /**
     * tj-oconnor lockly-hub-01.pcap and ultraloq-hub-01.pcap: lock bridges built on Espressif modules
     * (Espressif's MAC blocks) that name themselves by product code in DHCP (PGH200, UB01).
     */
    @Test
    void aLockBridgeOnAnEspressifModuleIsTheLockMakers() throws Exception {
        check("lockly-hub-01.pcap", "24:6f:28:d9:a7:64", "Lockly", "PGH200");
        check("ultraloq-hub-01.pcap", "a4:cf:12:32:5b:88", "U-tec", "UB01");
    }

    private static void check(String capture, String mac, String brand, String model) throws Exception {
        Device d = Analyses.byMac(Analyses.of(TestData.shared("pcap/iot-devices/tj-oconnor/" + capture)), mac);
        assertThat(d.vendor()).isEqualTo(brand);
        assertThat(d.model()).isEqualTo(model);
        assertThat(d.type()).isEqualTo("lock");
        assertThat(d.evidence()).anyMatch(e -> e.source().equals("oui") && e.value().equals("Espressif"));
        assertThat(d.attributes().get("vendor").candidates()).extracting(Device.Candidate::value).contains("Espressif");
    }
}
