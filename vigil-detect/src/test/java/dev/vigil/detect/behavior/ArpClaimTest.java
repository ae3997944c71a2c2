package dev.vigil.detect.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.detect.inventory.Device;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import dev.vigil.engine.proto.arp.ArpMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ARP poisoning with one claimant and nobody contesting: the ARP exchanges of
 * vigil-netns-arp-mitm.pcap without the router's later request (in the recording the router asks
 * for the intruder, which contests the claim; on many networks it does not ask within the attack).
 * The claim conflicts with the binding the router taught, by a station that keeps its own address.
 */
class ArpClaimTest {

    static final long S = 1_000_000_000L;
    static final long T0 = 1_700_000_000L * S;
    static final String ROUTER = "02:00:5e:f8:00:01";
    static final String CAMERA = "02:00:5e:f8:00:10";
    static final String INTRUDER = "02:00:5e:f8:00:66";

    static ArpMessage arp(long seconds, int op, String mac, String ip, String targetIp) {
        return new ArpMessage(T0 + seconds * S, op, Mac.parse(mac), Mac.parse(mac), Ip.parse(ip), null, Ip.parse(targetIp),
                null);
    }

    static Device device(String mac, String ip) {
        return new Device("mac:" + mac, mac, false, List.of(new Device.Address(ip, "bound", null, null)), null, List.of(),
                null, null, null, null, 0.8, Map.of(), List.of(), null, List.of(), List.of(), null, List.of(), null, null,
                List.of(), null, null);
    }

    List<Finding> run(boolean intruderHasItsOwnAddress) {
        FindingRecorder rec = new FindingRecorder(FindingCatalog.bundled());
        LateralDetector d = new LateralDetector(rec, DetectionConfig.defaults(), null);
        d.accept(arp(0, ArpMessage.REQUEST, CAMERA, "192.168.106.10", "192.168.106.1"));
        d.accept(arp(0, ArpMessage.REPLY, ROUTER, "192.168.106.1", "192.168.106.10"));
        if (intruderHasItsOwnAddress) {
            d.accept(arp(8, ArpMessage.REQUEST, INTRUDER, "192.168.106.66", "192.168.106.10"));
        }
        for (int i = 0; i < 16; i++) {
            d.accept(arp(10 + 2L * i, ArpMessage.REPLY, INTRUDER, "192.168.106.1", "192.168.106.10"));
        }
        DeviceIndex index = new DeviceIndex(List.of(device(ROUTER, "192.168.106.1"), device(CAMERA, "192.168.106.10"),
                device(INTRUDER, "192.168.106.66")));
        d.finish(index);
        return rec.resolve(index);
    }

    @Test
    void aStationThatKeepsItsOwnAddressAndClaimsTheGatewaysIsSpoofing() {
        assertThat(run(true)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("lateral.arp_spoofing");
            assertThat(f.device().mac()).isEqualTo(INTRUDER);
            assertThat(f.evidence()).containsEntry("address", "192.168.106.1").containsEntry("held_by", ROUTER)
                    .containsEntry("claimer_address", "192.168.106.66");
        });
    }

    @Test
    void aNewStationTakingTheAddressOverWithNoOtherIsNot() {
        // a replaced router: the new one has no other address and nobody contests it
        assertThat(run(false)).isEmpty();
    }
}
