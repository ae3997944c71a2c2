package dev.vigil.engine.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Pipeline;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.capture.CaptureLimits;
import dev.vigil.engine.capture.Captures;
import dev.vigil.engine.capture.PacketSource;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packet ring on real captures: bounded, recent packets per flow, a pcap tshark reads back. */
class PacketRingTest {

    @TempDir
    Path tmp;

    private static long flowsCreated;

    private static List<Event> run(Path capture, PacketRing ring) throws Exception {
        List<Event> events = new ArrayList<>();
        Pipeline p = new Pipeline(EngineConfig.defaults(), events::add);
        p.keepPackets(ring);
        RawPacket raw = new RawPacket();
        try (PacketSource src = Captures.open(capture.toString(), CaptureLimits.DEFAULT, new AnomalyCounters())) {
            while (src.next(raw)) {
                p.accept(raw);
            }
        }
        p.endOfInput();
        flowsCreated = p.stats().flowsCreated();
        return events;
    }

    @Test
    void keepsTheLastPacketsOfEachFlowAndWritesAPcapThatReadsBack() throws Exception {
        PacketRing ring = new PacketRing(new PacketRingLimits(64, 4, 128));
        List<Event> events = run(TestData.capture("ndpi-telnet.pcap"), ring);
        FlowEnded telnet = events.stream().filter(e -> e instanceof FlowEnded f && f.flow().serverPort() == 23)
                .map(FlowEnded.class::cast).findFirst().orElseThrow();
        assertThat(telnet.clientPackets() + telnet.serverPackets()).isGreaterThan(4);
        long[] ids = ring.flows(m -> m.serverPort() == 23, 10);
        assertThat(ids).containsExactly(telnet.flow().id());
        PacketRing.Pcap pcap = ring.pcap(ids);
        // only the last four of the flow's packets, each cut to 128 bytes
        assertThat(pcap.packets()).isEqualTo(4);
        Path file = tmp.resolve("telnet.pcap");
        Files.write(file, pcap.bytes());
        List<long[]> back = new ArrayList<>();
        RawPacket raw = new RawPacket();
        try (PacketSource src = Captures.open(file.toString(), CaptureLimits.DEFAULT, new AnomalyCounters())) {
            while (src.next(raw)) {
                assertThat(raw.capturedLength).isLessThanOrEqualTo(128);
                assertThat(raw.wireLength).isGreaterThanOrEqualTo(raw.capturedLength);
                back.add(new long[] {raw.timestampNanos});
            }
        }
        assertThat(back).hasSize(4);
        assertThat(back.get(3)[0]).isGreaterThanOrEqualTo(back.get(0)[0]);
        assertThat(back.get(3)[0] / 1_000_000_000L).isEqualTo(telnet.ts() / 1_000_000_000L);
        Path tshark = Path.of("/usr/bin/tshark");
        if (Files.isExecutable(tshark)) {
            Process t = new ProcessBuilder(tshark.toString(), "-r", file.toString(), "-T", "fields", "-e", "tcp.port")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> lines = new String(t.getInputStream().readAllBytes()).lines().toList();
            assertThat(t.waitFor()).isZero();
            assertThat(lines).hasSize(4).allSatisfy(l -> assertThat(l).contains("23"));
        }
        assertThat(ring.pcap(new long[] {123_456_789L})).isNull();
    }

    @Test
    void aNewFlowTakesTheSlotOfOneNotSeenForAWholeTurn() throws Exception {
        PacketRing ring = new PacketRing(new PacketRingLimits(8, 2, 64));
        List<Event> events = run(TestData.repoRoot().resolve("samples/iot-lab.pcapng.gz"), ring);
        long flows = flowsCreated;
        assertThat(flows).isGreaterThan(400);
        // every flow past the eighth evicted one (a flow evicted while still busy comes back, evicting another)
        assertThat(ring.evicted()).isGreaterThanOrEqualTo(flows - 8);
        long[] held = ring.flows(m -> true, 100);
        assertThat(held).hasSize(8);
        // the newest flow is among those held
        long last = events.stream().filter(e -> e instanceof FlowEnded).mapToLong(e -> ((FlowEnded) e).flow().id()).max()
                .orElseThrow();
        assertThat(held).contains(last);
        assertThat(ring.pcap(held).packets()).isBetween(8, 16);
        assertThat(ring.limits().bytes()).isEqualTo(8 * 2 * 64);
    }

    @Test
    void limitsAreNamedAndBounded() {
        assertThat(PacketRingLimits.DEFAULTS.bytes()).isEqualTo(16L << 20);
        assertThatThrownBy(() -> new PacketRingLimits(1 << 20, 64, 4096)).hasMessageContaining("more than 256 MiB");
        assertThatThrownBy(() -> new PacketRingLimits(0, 1, 64)).isInstanceOf(IllegalArgumentException.class);
    }
}
