package dev.vigil.detect.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.detect.intel.Indicators;
import dev.vigil.engine.flow.EndReason;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bot of vigil-netns-c2-retry.pcap as a flow log shows it: Zeek gives up on an unanswered SYN
 * after tcp_attempt_delay (5 s), so the kernel's retransmissions at 1, 3, 7 and 15 s (RFC 6298
 * §5.5) make each attempt three S0 records of one source port, and a conn.log carries no DNS
 * answer that could say the address is bare. Two addresses on tcp/666, one attempt every 35 s
 * (the recording's cycle), two hours: still C2, by its silence and its cycle.
 */
class C2RetryRecordsTest {

    static final long S = 1_000_000_000L;
    static final long T0 = 1_700_000_000L * S;

    static FlowEnded s0(long id, String server, int sport, long startNanos, long packets) {
        FlowMeta m = new FlowMeta(id, Transport.TCP, 6, Ip.parse("192.168.102.20"), sport, Ip.parse(server), 666, null, null,
                null);
        return new FlowEnded(startNanos + (packets - 1) * S, m, EndReason.IDLE_TIMEOUT, startNanos, packets, 0,
                packets * 54, 0, 0, 0, "S", "S0", null, 64);
    }

    @Test
    void retriesThatNeverConnectAreBeaconingInFlowRecordsToo() {
        FindingRecorder rec = new FindingRecorder(FindingCatalog.bundled());
        C2Detector c2 = new C2Detector(rec, DetectionConfig.defaults(), Indicators.empty(), new DnsNames(), null, new Scans());
        String[] servers = {"203.0.113.37", "192.0.2.61"};
        List<FlowEnded> flows = new ArrayList<>();
        long id = 0;
        for (int attempt = 0; attempt < 7200 / 35; attempt++) {
            long t = T0 + attempt * 35L * S;
            int sport = 40000 + attempt;
            String server = servers[attempt % 2];
            // SYNs at 0, 1 and 3 s; then 7 s; then 15 s: three records
            flows.add(s0(++id, server, sport, t, 3));
            flows.add(s0(++id, server, sport, t + 7 * S, 1));
            flows.add(s0(++id, server, sport, t + 15 * S, 1));
        }
        flows.forEach(c2::accept);
        DeviceIndex index = new DeviceIndex(List.of(PeerGroupTest.device("192.168.102.20", "camera")));
        c2.finish(index);
        List<Finding> found = rec.resolve(index);
        assertThat(found).extracting(f -> f.type() + " " + f.peer().ip())
                .containsExactlyInAnyOrder("c2.beaconing 203.0.113.37", "c2.beaconing 192.0.2.61");
        assertThat(found).allSatisfy(f -> assertThat(f.evidence().get("period_seconds")).isEqualTo(70.0));
    }
}
