package dev.vigil.detect.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Device identity across windows: the one rule one analysis and the service's store both apply. */
class DeviceMergeTest {

    static Device seen(String type, double confidence, String ip, String host, int port, long flows, String first,
            String last) {
        return new Device("aa:bb:cc:00:00:01", "aa:bb:cc:00:00:01", false, List.of(new Device.Address(ip, "dhcp", first, last)),
                "Acme", List.of(host), type, null, null, null, confidence, Map.of(), List.of(), null,
                List.of(new Device.ServiceOffered("tcp", port, "http", flows, flows, 1)), List.of(new Device.ServiceUsed("dns", flows)),
                new Device.Identity(null, null, List.of(), List.of(), List.of(), List.of()), List.of("example.com"),
                new Device.Traffic(flows, 0, flows, flows, 100 * flows, 100 * flows, 1, 1), null, List.of(), first, last);
    }

    @Test
    void aQuietWindowKeepsTheConfidentClassificationAndEverythingSeenAccumulates() {
        Device first = seen("camera", 0.9, "10.0.0.5", "cam-1", 80, 10, "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z");
        Device later = seen("unknown", 0.2, "10.0.0.5", "cam-1.local", 80, 5, "2026-01-01T02:00:00Z",
                "2026-01-01T03:00:00Z");
        Device m = DeviceMerge.merge(first, later);
        assertThat(m.type()).isEqualTo("camera");
        assertThat(m.confidence()).isEqualTo(0.9);
        assertThat(m.hostnames()).containsExactly("cam-1", "cam-1.local");
        assertThat(m.ips()).singleElement().satisfies(a -> {
            assertThat(a.firstSeen()).isEqualTo("2026-01-01T00:00:00Z");
            assertThat(a.lastSeen()).isEqualTo("2026-01-01T03:00:00Z");
        });
        assertThat(m.servicesOffered()).singleElement().extracting(Device.ServiceOffered::flows).isEqualTo(15L);
        assertThat(m.servicesUsed()).singleElement().extracting(Device.ServiceUsed::flows).isEqualTo(15L);
        assertThat(m.traffic().flowsOut()).isEqualTo(15);
        assertThat(m.firstSeen()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(m.lastSeen()).isEqualTo("2026-01-01T03:00:00Z");
    }

    @Test
    void aStrongerWindowReclassifiesAndANewAddressIsAdded() {
        Device first = seen("unknown", 0.2, "10.0.0.5", "dev", 80, 1, "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z");
        Device later = seen("printer", 0.8, "10.0.0.6", "dev", 631, 1, "2026-01-02T00:00:00Z", "2026-01-02T00:00:00Z");
        Device m = DeviceMerge.merge(first, later);
        assertThat(m.type()).isEqualTo("printer");
        assertThat(m.ips()).extracting(Device.Address::ip).containsExactly("10.0.0.5", "10.0.0.6");
        assertThat(m.servicesOffered()).extracting(Device.ServiceOffered::port).containsExactly(80, 631);
        assertThat(DeviceMerge.merge(null, later)).isSameAs(later);
        assertThat(DeviceMerge.merge(Map.of(first.id(), first), List.of(later))).containsExactly(m);
    }
}
