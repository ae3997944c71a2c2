package dev.vigil.engine.proto.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.testing.EngineRun;
import dev.vigil.engine.testing.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Vendor discovery replies, read from a real UniFi Security Gateway's announcements
 * ({@code ndpi-ubntac2.pcap}, from nDPI's test captures) and from a lab where nmap's
 * ubiquiti-discovery script and a Kasa app's broadcast ask devices who they are
 * ({@code vigil-netns-vendor-discovery.pcap}, scripts/record-netns-vendor-discovery.sh; nmap and
 * tshark decode the same answers).
 */
class VendorDiscoveryTest {

    private static String sender(VendorIdentity v) {
        return (v.fromClient() ? v.flow().clientIp() : v.flow().serverIp()).toString();
    }

    @Test
    void aRealUnifiGatewayAnnouncesItsModelAndFirmware() {
        List<VendorIdentity> ids = EngineRun.of(TestData.capture("ndpi-ubntac2.pcap")).events(VendorIdentity.class);
        assertThat(ids).isNotEmpty().allSatisfy(v -> {
            assertThat(sender(v)).isEqualTo("192.168.1.1");
            assertThat(v.protocol()).isEqualTo("ubnt");
            assertThat(v.vendor()).isEqualTo("Ubiquiti");
            assertThat(v.platform()).isEqualTo("UniFiSecurityGateway");
            assertThat(v.product()).isEqualTo("UGW3");
            assertThat(v.model()).isEqualTo("UGW3");
            assertThat(v.firmware()).isEqualTo("4.3.33.4936086");
            assertThat(v.name()).isEqualTo("ubnt");
        });
    }

    @Test
    void everyDeviceInTheLabSaysWhatItIsAndTheAskerNothing() {
        List<VendorIdentity> ids = EngineRun.of(TestData.capture("vigil-netns-vendor-discovery.pcap"))
                .events(VendorIdentity.class);
        assertThat(ids).noneMatch(v -> sender(v).equals("192.168.120.5"));
        Map<String, List<VendorIdentity>> by = ids.stream().collect(Collectors.groupingBy(VendorDiscoveryTest::sender));
        // nmap asks twice (version 1 and its retry): both answers are read
        assertThat(by.get("192.168.120.20")).hasSize(2).allSatisfy(v -> {
            assertThat(v.platform()).isEqualTo("BZ");
            assertThat(v.product()).isEqualTo("U7LT");
            assertThat(v.model()).isEqualTo("UAP-AC-Lite");
            assertThat(v.firmware()).isEqualTo("4.3.28.11361");
            assertThat(v.name()).isEqualTo("uap-lobby");
        });
        // version 2 announcements, broadcast: the announcer is the flow's client
        assertThat(by.get("192.168.120.21")).hasSize(3).allSatisfy(v -> {
            assertThat(v.fromClient()).isTrue();
            assertThat(v.platform()).isEqualTo("US");
            assertThat(v.model()).isEqualTo("US8P60");
            assertThat(v.firmware()).isEqualTo("4.4.44.12345");
        });
        // the plug answers the broadcast over UDP and the app's question over TCP
        assertThat(by.get("192.168.120.30")).hasSize(2).allSatisfy(v -> {
            assertThat(v.protocol()).isEqualTo("kasa");
            assertThat(v.vendor()).isEqualTo("TP-Link");
            assertThat(v.platform()).isEqualTo("IOT.SMARTPLUGSWITCH");
            assertThat(v.model()).isEqualTo("HS110(EU)");
            assertThat(v.firmware()).isEqualTo("1.2.5 Build 171213 Rel.101523");
            assertThat(v.hardware()).isEqualTo("1.0");
            assertThat(v.description()).isEqualTo("Wi-Fi Smart Plug With Energy Monitoring");
            assertThat(v.name()).isNull(); // the owner's alias is not the product's
        });
        assertThat(by.get("192.168.120.31")).singleElement().satisfies(v -> {
            assertThat(v.platform()).isEqualTo("IOT.SMARTBULB");
            assertThat(v.model()).isEqualTo("KL130(EU)");
            assertThat(v.description()).isEqualTo("Smart Wi-Fi LED Bulb with Color Changing");
        });
    }

    @Test
    void realTuyaBroadcastsNameTheirProductOncePerFlowBudget() {
        // nDPI's tuya_lp.pcap: 13 Tuya devices broadcasting on udp/6667, version 3.3, encrypted
        List<VendorIdentity> ids = EngineRun.of(TestData.capture("ndpi-tuya-lp.pcap")).events(VendorIdentity.class);
        Map<String, List<VendorIdentity>> by = ids.stream().collect(Collectors.groupingBy(VendorDiscoveryTest::sender));
        assertThat(by).hasSize(13);
        assertThat(by.values()).allSatisfy(l -> assertThat(l).hasSizeLessThanOrEqualTo(TuyaDiscovery.MAX_BROADCASTS));
        assertThat(ids).allSatisfy(v -> {
            assertThat(v.protocol()).isEqualTo("tuya");
            assertThat(v.vendor()).isEqualTo("Tuya");
            assertThat(v.product()).startsWith("key").hasSize(16);
        });
        assertThat(by.get("192.168.242.170")).first().extracting(VendorIdentity::product).isEqualTo("keyxfhf7ryk8ftcx");
        assertThat(ids).extracting(VendorIdentity::product).containsOnly("keyxfhf7ryk8ftcx", "keyvaewvc4cwqh88",
                "keyvtdmgqcsh5hug", "key8u54q9dtru5jw");
    }

    @Test
    void fieldsRunningPastTheMessageAreCountedAndNothingIsEmitted() {
        List<Event> events = new ArrayList<>();
        AnomalyCounters anomalies = new AnomalyCounters();
        DissectorContext ctx = new DissectorContext(events::add, anomalies);
        // version 1 reply, 8 bytes of payload: a host name field claiming 16 bytes
        byte[] b = {1, 0, 0, 8, 0x0b, 0, 16, 'u', 'b', 'n', 't', '!'};
        UbiquitiDiscovery.read(ctx, false, b, 0, b.length);
        assertThat(events).isEmpty();
        assertThat(anomalies.get(UbiquitiDiscovery.MALFORMED)).isEqualTo(1);
        // a header whose length is not the datagram's is not this protocol
        UbiquitiDiscovery p = new UbiquitiDiscovery();
        assertThat(p.probe(Transport.UDP, b, 0, b.length - 1, false, true)).isEqualTo(Probe.NO);
        assertThat(p.probe(Transport.UDP, new byte[] {1, 0, 0, 0}, 0, 4, true, true)).isEqualTo(Probe.MATCH);
        assertThat(p.probe(Transport.UDP, new byte[] {1, 0, 0, 0}, 0, 4, true, false)).isEqualTo(Probe.NO);
    }

    @Test
    void kasaStringsAreUnescapedAndOnlyStringsAreRead() {
        String json = "{\"system\":{\"get_sysinfo\":{\"type\":-1,\"model\" : \"KP303(UK)\",\"dev_name\":"
                + "\"Kasa \\\"Smart\\\" Wi\\u002dFi\\nStrip\",\"alias\":\"x\"}}}";
        assertThat(JsonStrings.string(json, 0, "model")).isEqualTo("KP303(UK)");
        assertThat(JsonStrings.string(json, 0, "type")).isNull();
        assertThat(JsonStrings.string(json, 0, "dev_name")).isEqualTo("Kasa \"Smart\" Wi-Fi Strip");
        assertThat(JsonStrings.string(json, 0, "sw_ver")).isNull();
        assertThat(JsonStrings.string("{\"model\":\"HS1", 0, "model")).isNull();
        // the XOR autokey round trip: a cipher byte is the key of the next
        byte[] cipher = new byte[json.length()];
        int key = 171;
        for (int i = 0; i < cipher.length; i++) {
            key ^= json.charAt(i);
            cipher[i] = (byte) key;
        }
        assertThat(KasaProtocol.decrypt(cipher, 0, cipher.length)).isEqualTo(json);
        assertThat(KasaProtocol.opensJson(cipher, 0, cipher.length)).isTrue();
    }
}
