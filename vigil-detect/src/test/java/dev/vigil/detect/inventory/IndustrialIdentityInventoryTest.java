package dev.vigil.detect.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.analysis.Analyses;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.engine.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * What industrial devices state when asked who they are becomes their vendor, model and firmware
 * ({@code vigil-netns-ics-identity.pcap}: nmap's modbus-discover, enip-info, s7-info and
 * bacnet-info and a pymodbus client ask a Modbus PLC, an EtherNet/IP controller, an S7-300 and a
 * BACnet controller). The asker learns nothing about itself, and the IEEE registrant stays evidence
 * where the device names its own brand.
 */
class IndustrialIdentityInventoryTest {

    @Test
    void identityRepliesNameVendorModelAndFirmware() throws Exception {
        AnalysisResult r = Analyses.of(TestData.capture("vigil-netns-ics-identity.pcap"));

        Device modicon = Analyses.byMac(r, "00:80:f4:6e:00:20");
        assertThat(modicon.vendor()).isEqualTo("Schneider Electric");
        assertThat(modicon.model()).isEqualTo("Modicon M340");
        assertThat(modicon.firmware()).isEqualTo("2.7");
        assertThat(modicon.type()).isEqualTo("industrial_controller");
        assertThat(modicon.evidence()).anySatisfy(e -> {
            assertThat(e.source()).isEqualTo("ics.model");
            assertThat(e.observed()).isEqualTo("BMX P34 2020");
        });
        // the MAC block is Telemecanique's, a Schneider Electric brand: kept as evidence, same vendor
        assertThat(modicon.evidence()).anySatisfy(e -> {
            assertThat(e.source()).isEqualTo("oui");
            assertThat(e.observed()).containsIgnoringCase("telemecanique");
        });

        Device logix = Analyses.byMac(r, "00:00:bc:6e:00:21");
        assertThat(logix.vendor()).isEqualTo("Rockwell Automation");
        assertThat(logix.model()).isEqualTo("1756-L61/B LOGIX5561");
        assertThat(logix.firmware()).isEqualTo("20.11");
        assertThat(logix.type()).isEqualTo("industrial_controller");
        assertThat(logix.evidence()).anyMatch(e -> e.source().equals("ics.device_type")
                && e.observed().equals("Programmable Logic Controller"));

        Device s7 = Analyses.byMac(r, "00:1b:1b:6e:00:22");
        assertThat(s7.vendor()).isEqualTo("Siemens");
        assertThat(s7.model()).isEqualTo("CPU 315-2 PN/DP");
        assertThat(s7.firmware()).isEqualTo("3.2.6");
        assertThat(s7.type()).isEqualTo("industrial_controller");
        assertThat(s7.hostnames()).contains("SIMATIC 300(1)");
        assertThat(s7.evidence())
                .anyMatch(e -> e.source().equals("ics.model") && e.observed().equals("6ES7 315-2EH14-0AB0"));

        Device nae = Analyses.byMac(r, "00:10:8d:6e:00:23");
        assertThat(nae.vendor()).isEqualTo("Johnson Controls");
        assertThat(nae.model()).isEqualTo("MS-NAE5510-2");
        assertThat(nae.firmware()).isEqualTo("9.0.0.2");
        assertThat(nae.hostnames()).contains("NAE-01");
        assertThat(nae.evidence()).anyMatch(e -> e.source().equals("bacnet.vendor_id") && e.observed().equals("5"));

        Device workstation = Analyses.byMac(r, "02:00:5e:6e:00:05");
        assertThat(workstation.vendor()).isNull();
        assertThat(workstation.model()).isNull();
        assertThat(workstation.evidence())
                .noneMatch(e -> e.source().startsWith("ics.") || e.source().endsWith(".vendor_id"));
    }

    @Test
    void profinetDevicesFoundAtLayerTwoOnly() throws Exception {
        AnalysisResult r = Analyses.of(TestData.capture("vigil-netns-profinet-dcp.pcap"));
        Device plc = Analyses.byMac(r, "00:1b:1b:6f:00:10");
        assertThat(plc.type()).isEqualTo("industrial_controller");
        assertThat(plc.vendor()).isEqualTo("Siemens");
        assertThat(plc.model()).isEqualTo("S7-1500");
        assertThat(plc.hostnames()).containsExactly("plc_1");
        assertThat(plc.ips()).extracting(Device.Address::ip).containsExactly("192.168.111.10");
        Device sw = Analyses.byMac(r, "00:1b:1b:6f:00:02");
        assertThat(sw.type()).isEqualTo("switch");
        assertThat(sw.model()).isEqualTo("SCALANCE XC-200");
        Device io = Analyses.byMac(r, "00:0e:8c:6f:00:30");
        assertThat(io.type()).isEqualTo("industrial_controller");
        assertThat(io.model()).isEqualTo("ET200SP");
        assertThat(io.ips()).isEmpty();
    }
}
