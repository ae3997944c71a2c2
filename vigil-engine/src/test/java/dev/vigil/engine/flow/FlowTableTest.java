package dev.vigil.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.decode.Decoded;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.testing.EngineRun;
import dev.vigil.engine.testing.TestData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FlowTableTest {

    private static final long S = 1_000_000_000L;

    private final List<String> ended = new ArrayList<>();
    private final AnomalyCounters anomalies = new AnomalyCounters();

    private FlowTable table(int capacity) {
        return new FlowTable(FlowLimits.DEFAULT.withCapacity(capacity),
                (f, r) -> ended.add(f.clientPort() + ":" + r), anomalies);
    }

    private static Decoded udp(int src, int srcPort, int dst, int dstPort) {
        Decoded d = new Decoded();
        d.ipVersion = 4;
        d.protocol = Decoded.UDP;
        d.hasPorts = true;
        d.srcHi = 0;
        d.srcLo = Ip.v4Lo(src);
        d.dstHi = 0;
        d.dstLo = Ip.v4Lo(dst);
        d.srcPort = srcPort;
        d.dstPort = dstPort;
        d.vlan = -1;
        d.wireLength = 100;
        d.payloadLength = 58;
        return d;
    }

    /** A TCP packet between 10.0.0.1 (ephemeral ports) and 10.0.0.2 (service ports below 1024). */
    private static Decoded tcp(int srcPort, int dstPort, int flags) {
        boolean fromClient = srcPort > dstPort;
        Decoded d = fromClient ? udp(0x0a000001, srcPort, 0x0a000002, dstPort)
                : udp(0x0a000002, srcPort, 0x0a000001, dstPort);
        d.protocol = Decoded.TCP;
        d.tcpFlags = flags;
        d.payloadLength = 0;
        return d;
    }

    @Test
    void bothDirectionsShareOneFlowAndTheInitiatorIsTheClient() {
        FlowTable t = table(64);
        Flow a = t.track(udp(0x0a000001, 40000, 0x0a000002, 53), 1);
        assertThat(t.lastFromClient()).isTrue();
        Flow b = t.track(udp(0x0a000002, 53, 0x0a000001, 40000), 2);
        assertThat(b).isSameAs(a);
        assertThat(t.lastFromClient()).isFalse();
        assertThat(a.clientPort()).isEqualTo(40000);
        assertThat(a.serverPort()).isEqualTo(53);
        assertThat(a.clientPackets()).isEqualTo(1);
        assertThat(a.serverPackets()).isEqualTo(1);
        assertThat(a.connState()).isEqualTo("SF");
    }

    @Test
    void matchesAHashMapModelUnderRandomInsertsAndEvictions() {
        // capacity 1000 with 5000 distinct keys forces continual capacity evictions and backward shifts
        FlowTable t = table(1000);
        Map<Long, Long> model = new HashMap<>();
        SplittableRandom rnd = new SplittableRandom(7);
        long now = 0;
        for (int i = 0; i < 200_000; i++) {
            int key = rnd.nextInt(5000);
            Flow f = t.track(udp(0x0a000000 + key, 1000 + key % 50000, 0x0a0000ff, 53), ++now);
            Long id = model.get((long) key);
            if (id != null && f.id() != id) {
                // the model's flow was evicted meanwhile: the table must have said so
                assertThat(ended).isNotEmpty();
            }
            model.put((long) key, f.id());
            assertThat(t.active()).isLessThanOrEqualTo(1000);
        }
        assertThat(anomalies.snapshot()).containsKey("flow.table_full_eviction");
        // every key still in the table is found again with the same flow
        int found = 0;
        for (Map.Entry<Long, Long> e : model.entrySet()) {
            int key = e.getKey().intValue();
            long before = t.created();
            Flow f = t.track(udp(0x0a000000 + key, 1000 + key % 50000, 0x0a0000ff, 53), ++now);
            if (t.created() == before) {
                found++;
                assertThat(f.id()).isEqualTo(e.getValue());
            }
            model.put(e.getKey(), f.id());
        }
        assertThat(found).isGreaterThan(0);
    }

    @Test
    void idleTimeoutsFollowTheFlowState() {
        FlowTable t = table(64);
        t.track(tcp(40001, 80, Decoded.TCP_SYN), 0);
        t.track(udp(0x0a000001, 40002, 0x0a000002, 53), 0);
        Flow est = t.track(tcp(40003, 443, Decoded.TCP_SYN), 0);
        t.track(tcp(443, 40003, Decoded.TCP_SYN | Decoded.TCP_ACK), 0);
        assertThat(est.connState()).isEqualTo("S1");
        t.evictIdle(31 * S);
        assertThat(ended).containsExactly("40001:IDLE_TIMEOUT");
        t.evictIdle(61 * S);
        assertThat(ended).containsExactly("40001:IDLE_TIMEOUT", "40002:IDLE_TIMEOUT");
        t.evictIdle(299 * S);
        assertThat(t.active()).isEqualTo(1);
        t.evictIdle(301 * S);
        assertThat(t.active()).isZero();
    }

    @Test
    void closedTcpFlowLeavesAfterItsGracePeriod() {
        FlowTable t = table(64);
        Flow f = t.track(tcp(40001, 80, Decoded.TCP_SYN), 0);
        t.track(tcp(80, 40001, Decoded.TCP_SYN | Decoded.TCP_ACK), S);
        t.track(tcp(40001, 80, Decoded.TCP_FIN | Decoded.TCP_ACK), 2 * S);
        t.track(tcp(80, 40001, Decoded.TCP_FIN | Decoded.TCP_ACK), 3 * S);
        assertThat(f.connState()).isEqualTo("SF");
        assertThat(f.history()).isEqualTo("ShFf");
        t.evictIdle(12 * S);
        assertThat(ended).isEmpty();
        t.evictIdle(13 * S);
        assertThat(ended).containsExactly("40001:TCP_CLOSED");
    }

    @Test
    void rejectedConnectionIsRej() {
        FlowTable t = table(64);
        Flow f = t.track(tcp(40001, 23, Decoded.TCP_SYN), 0);
        t.track(tcp(23, 40001, Decoded.TCP_RST | Decoded.TCP_ACK), 1);
        assertThat(f.connState()).isEqualTo("REJ");
        assertThat(f.history()).isEqualTo("Sr");
    }

    @Test
    void emergencyModeShortensTimeoutsWhenTheTableFills() {
        FlowTable t = table(100);
        for (int i = 0; i < 95; i++) {
            t.track(udp(0x0a000001, 20000 + i, 0x0a000002, 53), 0);
        }
        assertThat(t.emergency()).isTrue();
        // UDP timeout 60 s / 10 in emergency: all idle for 7 s go
        t.evictIdle(7 * S);
        assertThat(t.active()).isZero();
        assertThat(ended).allMatch(s -> s.endsWith(":EMERGENCY"));
        assertThat(t.emergency()).isFalse();
    }

    @Test
    void scanAgainstRealCaptureGivesZeekStates() {
        EngineRun run = EngineRun.of(TestData.capture("zeek-ftp-ipv4.pcap"));
        List<FlowEnded> flows = run.events(FlowEnded.class);
        assertThat(flows).extracting(FlowEnded::connState).contains("SF");
        assertThat(flows).allMatch(f -> f.clientPackets() + f.serverPackets() > 0);
    }
}
