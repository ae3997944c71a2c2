package dev.vigil.detect.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.findings.Finding;
import dev.vigil.engine.flow.EndReason;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    static final long T0 = Fixtures.T0;
    static final long DAY = 86_400 * Fixtures.SECOND;

    static FlowEnded flow(int id, String src, int proto, String dst, int port, long at, boolean answered) {
        Transport t = proto == 6 ? Transport.TCP : proto == 17 ? Transport.UDP : Transport.ICMP;
        FlowMeta m = new FlowMeta(id, t, proto, Ip.parse(src), 40_000 + id, Ip.parse(dst), port, null, null, null);
        return new FlowEnded(at + Fixtures.SECOND, m, EndReason.IDLE_TIMEOUT, at, 3, answered ? 2 : 0, 300, answered ? 200 : 0,
                100, answered ? 100 : 0, answered ? "ShAD" : "S", answered ? "SF" : "S0", null, 64);
    }

    static final String POLICY = """
            policy home
            default deny
            controller dns 192.168.1.1
            zone cameras type=camera
            zone nvr device=mac:00:11:22:33:44:55
            allow dns: cameras -> controller:dns udp/53
            allow cloud: cameras -> name:*.immedia-semi.com tcp/443
            allow rtsp: cameras -> nvr tcp/554
            allow legacy: cameras -> name:old.example.com tcp/443
            """;

    @Test
    void reportsPerRuleAndDeviceNamesTheMissingEntryAndProposesRemovals() throws Exception {
        Policy p = PolicyParser.parse("home.policy", POLICY);
        PolicyContext ctx = PolicyContext.of(Fixtures.estate(), Fixtures.dns(), List.of());
        List<FlowEnded> flows = new ArrayList<>();
        int id = 0;
        for (int day = 0; day < 40; day++) {
            long t = T0 + day * DAY;
            flows.add(flow(++id, "192.168.1.10", 17, "192.168.1.1", 53, t, true));
            if (day < 10) {
                // the recorder is used for the first ten days only
                flows.add(flow(++id, "192.168.1.10", 6, "192.168.1.20", 554, t, true));
            }
        }
        flows.add(flow(++id, "192.168.1.10", 6, "52.70.158.224", 443, T0 + 5 * Fixtures.SECOND, true));
        // a camera that starts talking telnet to a plug, and one that calls an address nobody resolved
        flows.add(flow(++id, "192.168.1.11", 6, "192.168.1.30", 23, T0 + 39 * DAY, false));
        flows.add(flow(++id, "192.168.1.11", 6, "198.51.100.7", 8443, T0 + 39 * DAY, true));
        Simulation s = new Simulator(p, ctx).run(flows, 30, 0);
        assertThat(s.flows()).isEqualTo(53);
        assertThat(s.denied()).isEqualTo(2);
        assertThat(s.rules()).filteredOn(r -> r.name().equals("rtsp")).singleElement()
                .satisfies(r -> assertThat(r.allowed()).isEqualTo(10));
        assertThat(s.devices()).filteredOn(d -> d.device().equals("mac:00:00:00:00:00:02")).singleElement()
                .satisfies(d -> assertThat(d.deniedSamples()).hasSize(2));
        assertThat(s.violations()).extracting(Finding::type).containsOnly("policy.violation");
        assertThat(s.violations()).extracting(f -> f.evidence().get("missing_entry")).containsExactlyInAnyOrder(
                "allow cameras-192-168-1-30-32-tcp-23: cameras -> net:192.168.1.30/32 tcp/23",
                "allow cameras-198-51-100-7-32-tcp-8443: cameras -> net:198.51.100.7/32 tcp/8443");
        assertThat(s.removals()).extracting(Simulation.Removal::rule).containsExactlyInAnyOrder("legacy", "rtsp", "cloud");
    }
}
