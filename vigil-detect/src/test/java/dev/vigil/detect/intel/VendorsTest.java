package dev.vigil.detect.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.net.Mac;
import org.junit.jupiter.api.Test;

/** Vendor names on registrants of the bundled IEEE registry (Debian ieee-data). */
class VendorsTest {

    private final OuiRegistry registry = OuiRegistry.bundled();

    private String vendorOf(String mac) {
        return Vendors.canonical(registry.organisation(Mac.parse(mac).bits()));
    }

    @Test
    void aBrandMatchesWholeWordsNotTheStartOfAnotherCompanysName() {
        // 00:09:91 is GE's "Intelligent Platforms, LLC.", not Intel; SonoSite makes ultrasound, not speakers
        assertThat(registry.organisation(Mac.parse("00:09:91:00:00:01").bits())).startsWith("Intelligent Platforms");
        assertThat(vendorOf("00:09:91:00:00:01")).isEqualTo("Intelligent Platforms");
        assertThat(Vendors.canonical("SonoSite, Inc.")).isEqualTo("SonoSite");
        assertThat(Vendors.canonical("Abbott Medical Optics")).isEqualTo("Abbott Medical Optics");
        assertThat(Vendors.canonical("RingCube Technologies, Inc.")).isEqualTo("RingCube");
        assertThat(Vendors.canonical("DellKing Industrial Co., Ltd")).isNotEqualTo("Dell");
    }

    @Test
    void brandsStillNameTheirOwnRegistrations() {
        assertThat(Vendors.canonical("Intel Corporate")).isEqualTo("Intel");
        assertThat(Vendors.canonical("ABB AG")).isEqualTo("ABB");
        assertThat(Vendors.canonical("Ring LLC")).isEqualTo("Ring");
        assertThat(Vendors.canonical("Apple, Inc.")).isEqualTo("Apple");
        assertThat(Vendors.canonical("Routerboard.com")).isEqualTo("MikroTik");
        assertThat(Vendors.canonical("GE Healthcare")).isEqualTo("GE Healthcare");
        assertThat(Vendors.canonical("LenovoEMC Products USA, LLC")).isEqualTo("Lenovo");
    }

    @Test
    void aZeroFilledAddressNamesNoVendor() {
        // 00:00:00 was Xerox's in the 1980s; in ndpi-snmp.pcap it is the zero-filled address of a
        // synthetic trace, and naming Xerox there typed a printer maker's "device" a router
        assertThat(registry.organisation(Mac.parse("00:00:00:41:9a:96").bits())).isNull();
        assertThat(registry.organisation(Mac.parse("00:00:01:00:00:01").bits())).startsWith("XEROX");
    }
}
