package dev.vigil.engine.proto.ics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.testing.EngineRun;
import dev.vigil.engine.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Industrial identity replies, read from real peers: nmap's ICS scripts and pymodbus against
 * spec-following devices in {@code vigil-netns-ics-identity.pcap} (scripts/record-netns-ics-identity.sh),
 * and hundreds of real BACnet controllers on the Internet answering ReadPropertyMultiple in a
 * reflection capture, read the same way tshark reads them.
 */
class IndustrialIdentityTest {

    private static String sender(IndustrialIdentity i) {
        return (i.fromClient() ? i.flow().clientIp() : i.flow().serverIp()).toString();
    }

    @Test
    void everyDeviceInTheLabSaysWhatItIs() {
        List<IndustrialIdentity> ids = EngineRun.of(TestData.capture("vigil-netns-ics-identity.pcap"))
                .events(IndustrialIdentity.class);
        assertThat(ids).allSatisfy(i -> assertThat(sender(i)).isNotEqualTo("192.168.110.5"));
        Map<String, List<IndustrialIdentity>> by = ids.stream().collect(Collectors.groupingBy(i -> i.protocol()));
        assertThat(by.get("modbus")).allSatisfy(i -> assertThat(sender(i)).isEqualTo("192.168.110.20"))
                .anySatisfy(i -> {
                    assertThat(i.vendor()).isEqualTo("Schneider Electric");
                    assertThat(i.product()).isEqualTo("Modicon M340");
                    assertThat(i.model()).isEqualTo("BMX P34 2020");
                    assertThat(i.firmware()).isEqualTo("v2.7");
                    assertThat(i.name()).isNull(); // UserApplicationName names the program
                });
        // nmap asks ListIdentity over UDP and over TCP; both replies are read
        assertThat(by.get("enip")).hasSize(2).allSatisfy(i -> {
            assertThat(sender(i)).isEqualTo("192.168.110.21");
            assertThat(i.vendorId()).isEqualTo(1);
            assertThat(i.deviceType()).isEqualTo("Programmable Logic Controller");
            assertThat(i.product()).isEqualTo("1756-L61/B LOGIX5561");
            assertThat(i.firmware()).isEqualTo("20.11");
            assertThat(i.serial()).isEqualTo("0x00c0ffee");
        });
        assertThat(by.get("s7comm")).allSatisfy(i -> assertThat(sender(i)).isEqualTo("192.168.110.22"))
                .anySatisfy(i -> {
                    assertThat(i.model()).isEqualTo("6ES7 315-2EH14-0AB0");
                    assertThat(i.firmware()).isEqualTo("V3.2.6");
                })
                .anySatisfy(i -> {
                    assertThat(i.vendor()).isEqualTo("Siemens");
                    assertThat(i.product()).isEqualTo("CPU 315-2 PN/DP");
                    assertThat(i.serial()).isEqualTo("S C-X4U421302009");
                    assertThat(i.name()).isEqualTo("SIMATIC 300(1)");
                });
        List<IndustrialIdentity> bacnet = by.get("bacnet");
        assertThat(bacnet).allSatisfy(i -> assertThat(sender(i)).isEqualTo("192.168.110.23"));
        // the I-Am broadcast opens its own flow: the device is that flow's client
        assertThat(bacnet).anySatisfy(i -> {
            assertThat(i.fromClient()).isTrue();
            assertThat(i.vendorId()).isEqualTo(5);
        });
        assertThat(bacnet).extracting(IndustrialIdentity::vendor).contains("Johnson Controls, Inc.");
        assertThat(bacnet).extracting(IndustrialIdentity::model).contains("MS-NAE5510-2");
        assertThat(bacnet).extracting(IndustrialIdentity::firmware).contains("9.0.0.2");
        assertThat(bacnet).extracting(IndustrialIdentity::name).contains("NAE-01");
    }

    @Test
    void realBacnetControllersAnswersAreReadAsTsharkReadsThem() throws Exception {
        Path capture = TestData.shared("pcap/ddos/amp.UDP.bacnet.IOT.37810.pcapng");
        List<IndustrialIdentity> ids = EngineRun.of(capture).events(IndustrialIdentity.class);
        // the spoofed asker is 10.10.10.1; every identity is a controller's own, from its port 47808
        assertThat(ids).allSatisfy(i -> {
            assertThat(sender(i)).isNotEqualTo("10.10.10.1");
            assertThat(i.fromClient() ? i.flow().clientPort() : i.flow().serverPort()).isEqualTo(47808);
        });
        Map<String, Long> names = ids.stream().filter(i -> i.name() != null)
                .collect(Collectors.groupingBy(IndustrialIdentity::name, Collectors.counting()));
        assertThat(names).hasSizeGreaterThan(100).containsEntry("REGO5200_0000000", 46L);
        assertThat(ids).anySatisfy(i -> {
            assertThat(i.vendor()).isEqualTo("Schneider Electric");
            assertThat(i.vendorId()).isEqualTo(10);
            assertThat(i.model()).isEqualTo("PM5560");
            assertThat(i.firmware()).isEqualTo("1.9.0");
        });
        Path tshark = Path.of("/usr/bin/tshark");
        if (Files.isExecutable(tshark)) {
            Process t = new ProcessBuilder(tshark.toString(), "-r", capture.toString(), "-T", "fields",
                    "-e", "bacapp.object_name").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            // Vigil keeps one space where a name has several
            Map<String, Long> theirs = new String(t.getInputStream().readAllBytes()).lines().filter(l -> !l.isBlank())
                    .map(l -> l.trim().replaceAll(" {2,}", " "))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(t.waitFor()).isZero();
            assertThat(names).isEqualTo(theirs);
        }
    }

    @Test
    void profinetDevicesAnswerDcpAtLayerTwo() {
        List<ProfinetIdentity> ids = EngineRun.of(TestData.capture("vigil-netns-profinet-dcp.pcap"))
                .events(ProfinetIdentity.class);
        // the engineering PC's Identify and Get requests are not identities
        assertThat(ids).noneMatch(i -> i.srcMac().toString().equals("02:00:5e:6f:00:05"));
        assertThat(ids).anySatisfy(i -> {
            assertThat(i.srcMac()).hasToString("00:1b:1b:6f:00:10");
            assertThat(i.nameOfStation()).isEqualTo("plc_1");
            assertThat(i.typeOfStation()).isEqualTo("S7-1500");
            assertThat(i.vendorId()).isEqualTo(0x2a);
            assertThat(i.deviceId()).isEqualTo(0x010e);
            assertThat(i.roles()).containsExactly("io-controller");
            assertThat(i.ip()).isEqualTo("192.168.111.10");
        });
        assertThat(ids).anySatisfy(i -> {
            assertThat(i.typeOfStation()).isEqualTo("SCALANCE XC-200");
            assertThat(i.roles()).containsExactly("io-device");
        });
        // a device without an address states 0.0.0.0: no address; its Hello counts like an answer
        assertThat(ids.stream().filter(i -> "et200sp-1".equals(i.nameOfStation()))).hasSize(3)
                .allSatisfy(i -> assertThat(i.ip()).isNull());
        // the Get response carries the name alone
        assertThat(ids).anySatisfy(i -> {
            assertThat(i.nameOfStation()).isEqualTo("switch-1");
            assertThat(i.typeOfStation()).isNull();
        });
    }

    @Test
    void industrialSessionsWithoutIdentityRepliesSayNothing() {
        // S7 SZL lists 0x0132 and 0x0013 (communication and memory), CIP service packets, Modbus polling
        for (String c : List.of("pcap/ndpi/protocols/s7comm.pcap", "pcap/ndpi/protocols/ethernetIP.pcap",
                "pcap/ndpi/protocols/modbus.pcap", "pcap/zeek/protocols/modbus_modbusBig.pcap")) {
            assertThat(EngineRun.of(TestData.shared(c)).events(IndustrialIdentity.class)).as(c).isEmpty();
        }
    }
}
