package dev.vigil.detect.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.detect.inventory.Device;
import dev.vigil.engine.flow.EndReason;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.net.Ip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviour profiles per device and per device type: a service one camera starts using after its
 * learning period is new for it, unless the other cameras learnt it as normal (the vendor's cloud,
 * an update service rolled out to the whole fleet). Constructed flows on two devices whose types the
 * inventory would give.
 */
class PeerGroupTest {

    @TempDir
    Path tmp;

    static final long S = 1_000_000_000L;
    static long ids;

    static FlowEnded flow(String client, String server, int port, long startSeconds) {
        FlowMeta m = new FlowMeta(++ids, Transport.TCP, 6, Ip.parse(client), 40000 + (int) (ids % 20000), Ip.parse(server),
                port, null, null, null);
        long t = 1_700_000_000L * S + startSeconds * S;
        return new FlowEnded(t + S / 2, m, EndReason.TCP_CLOSED, t, 6, 5, 900, 1400, 300, 800, "ShADadFf", "SF", null, 64);
    }

    static Device device(String ip, String type) {
        return new Device("ip:" + ip, null, false, List.of(new Device.Address(ip, "bound", null, null)), null, List.of(), type,
                null, null, null, 0.8, Map.of(), List.of(), null, List.of(), List.of(), null, List.of(), null, null, List.of(),
                null, null);
    }

    /** Camera A uses tcp/8883 from the start; camera B only after its learning period. */
    List<Finding> run(String typeOfA) throws Exception {
        Path props = tmp.resolve("learn.properties");
        Files.writeString(props, "profile.learning=10\n");
        FindingRecorder rec = new FindingRecorder(FindingCatalog.bundled());
        BehaviorProfiles profiles = new BehaviorProfiles(rec, DetectionConfig.load(props), new DnsNames(),
                new Locality(List.of()), null);
        List<FlowEnded> flows = new ArrayList<>();
        String[] brokers = {"203.0.113.5", "198.51.100.5", "192.0.2.5"};
        for (int i = 0; i < 8; i++) {
            flows.add(flow("192.168.1.10", "203.0.113.80", 443, i));
            flows.add(flow("192.168.1.11", "203.0.113.80", 443, i));
            flows.add(flow("192.168.1.10", brokers[i % 3], 8883, i));
        }
        for (int i = 0; i < 12; i++) {
            flows.add(flow("192.168.1.10", brokers[i % 3], 8883, 20 + i));
            flows.add(flow("192.168.1.11", brokers[i % 3], 8883, 20 + i));
        }
        flows.forEach(profiles::accept);
        DeviceIndex index = new DeviceIndex(List.of(device("192.168.1.10", typeOfA), device("192.168.1.11", "camera")));
        profiles.finish(index);
        return rec.resolve(index);
    }

    @Test
    void aServiceItsPeersLearntIsNotNew() throws Exception {
        assertThat(run("camera")).noneMatch(f -> f.type().equals("anomaly.new_service"));
    }

    @Test
    void aServiceNoPeerLearntIsNew() throws Exception {
        // the device that used tcp/8883 all along is a plug: it says nothing about cameras
        assertThat(run("plug")).filteredOn(f -> f.type().equals("anomaly.new_service")).singleElement().satisfies(f -> {
            assertThat(f.device().id()).isEqualTo("ip:192.168.1.11");
            assertThat(f.evidence().get("service")).isEqualTo("tcp/8883");
        });
    }
}
