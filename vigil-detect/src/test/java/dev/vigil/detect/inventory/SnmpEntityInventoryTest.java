package dev.vigil.detect.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.analysis.Analyses;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.engine.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * What an SNMP agent answers a management station's inventory poll names the agent: the ENTITY-MIB's
 * first physical entity gives a switch's model, software and maker ({@code vigil-netns-snmp-entity.pcap},
 * net-snmp's snmpd answering snmpget and snmpwalk in namespaces), and an answer of the Printer MIB
 * makes a printer (Zeek's {@code snmp_snmpv1_get.pcap}: an Oki printer polled by a print monitor).
 */
class SnmpEntityInventoryTest {

    @Test
    void aSwitchIsNamedByItsChassisEntity() throws Exception {
        AnalysisResult r = Analyses.of(TestData.capture("vigil-netns-snmp-entity.pcap"));
        Device sw = Analyses.byMac(r, "00:1b:54:7a:00:02");
        assertThat(sw.model()).isEqualTo("WS-C3560-24PS-S");
        assertThat(sw.firmware()).isEqualTo("12.2(55)SE7");
        assertThat(sw.vendor()).isEqualTo("Cisco");
        assertThat(sw.attributes().get("model").doubtful()).isFalse();
        assertThat(sw.attributes().get("firmware").doubtful()).isFalse();
        assertThat(sw.evidence()).anyMatch(e -> e.source().equals("snmp.entity.model"));
        // the transceiver at another index has a model of its own, which is not the switch's
        assertThat(sw.evidence()).noneMatch(e -> e.observed().equals("GLC-T"));

        Device nms = Analyses.byMac(r, "02:00:5e:7a:00:05");
        assertThat(nms.model()).isNull();
        assertThat(nms.evidence()).noneMatch(e -> e.source().startsWith("snmp."));
    }

    @Test
    void aPrinterMibAnswerMakesAPrinter() throws Exception {
        AnalysisResult r = Analyses.of(TestData.capture("zeek-snmpv1-get.pcap"));
        Device printer = r.devices().stream()
                .filter(d -> d.ips().stream().anyMatch(i -> i.ip().equals("172.31.19.73"))).findFirst().orElseThrow();
        assertThat(printer.type()).isEqualTo("printer");
        assertThat(printer.confidence()).isGreaterThanOrEqualTo(0.9);
        assertThat(printer.evidence()).anyMatch(e -> e.source().equals("snmp.mib") && e.value().equals("printer"));
        Device station = r.devices().stream()
                .filter(d -> d.ips().stream().anyMatch(i -> i.ip().equals("172.31.19.54"))).findFirst().orElseThrow();
        assertThat(station.evidence()).noneMatch(e -> e.source().equals("snmp.mib"));
    }
}
