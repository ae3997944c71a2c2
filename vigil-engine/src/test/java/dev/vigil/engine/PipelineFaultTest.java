package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.anomaly.Faults;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.dissect.StreamDissector;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.proto.dns.DnsMessage;
import dev.vigil.engine.testing.Frames;
import dev.vigil.engine.testing.Packets;
import dev.vigil.engine.testing.Packets.Frame;
import dev.vigil.engine.testing.TestData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A component that throws costs the input it was handling, is counted by name, and the run goes on. */
class PipelineFaultTest {

    private final List<Event> events = new ArrayList<>();
    private final RawPacket raw = new RawPacket();
    private long ts = 1_700_000_000_000_000_000L;

    private void accept(Pipeline p, byte[] frame) {
        raw.set(frame, 0, frame.length, frame.length, ts += 1_000_000, 1, 0);
        p.accept(raw);
    }

    /** A protocol on UDP 9999 and TCP 9999 whose dissectors throw on a payload starting with '!'. */
    static final class Brittle implements Protocol {
        int datagrams;
        int segments;

        @Override
        public String name() {
            return "brittle";
        }

        @Override
        public int[] tcpPorts() {
            return new int[] {9999};
        }

        @Override
        public int[] udpPorts() {
            return new int[] {9999};
        }

        @Override
        public Probe probe(Transport t, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
            if (b[off] == '?') {
                throw new IllegalStateException("a probe bug");
            }
            return portHint ? Probe.MATCH : Probe.NO;
        }

        @Override
        public DatagramDissector datagramDissector() {
            return (ctx, fromClient, b, off, len) -> {
                datagrams++;
                if (b[off] == '!') {
                    throw new ArrayIndexOutOfBoundsException("a datagram dissector bug");
                }
            };
        }

        @Override
        public StreamDissector newStreamDissector() {
            return new StreamDissector() {
                @Override
                public int onData(dev.vigil.engine.dissect.DissectorContext ctx, boolean fromClient, byte[] b, int off,
                        int len) {
                    segments++;
                    if (b[off] == '!') {
                        throw new StackOverflowError("a stream dissector bug");
                    }
                    return len;
                }

                @Override
                public boolean wantsMore() {
                    return true;
                }
            };
        }
    }

    @Test
    void aThrowingDissectorCostsOnlyItsFlowsDissection() {
        Brittle brittle = new Brittle();
        List<Protocol> protocols = new ArrayList<>(Protocols.all());
        protocols.add(0, brittle);
        Pipeline p = new Pipeline(EngineConfig.defaults().withProtocols(protocols), events::add);
        // UDP: the second datagram of the flow throws; the flow's third is not dissected any more
        for (String payload : List.of("a", "!", "b")) {
            accept(p, Frames.ip(false, true, 17, Frames.udp(40000, 9999, payload.getBytes())));
        }
        // TCP: handshake, then a segment that throws; later segments of that flow cost nothing
        accept(p, Frames.ip(false, true, 6, Frames.tcp(40001, 9999, 100, 0, Frames.TCP_SYN, new byte[0])));
        accept(p, Frames.ip(false, false, 6, Frames.tcp(9999, 40001, 500, 101, Frames.TCP_SYN | Frames.TCP_ACK,
                new byte[0])));
        accept(p, Frames.ip(false, true, 6, Frames.tcp(40001, 9999, 101, 501, Frames.TCP_PSH_ACK, "!x".getBytes())));
        accept(p, Frames.ip(false, true, 6, Frames.tcp(40001, 9999, 103, 501, Frames.TCP_PSH_ACK, "yy".getBytes())));
        // a probe that throws answers no: the flow is left undissected
        accept(p, Frames.ip(false, true, 17, Frames.udp(40002, 9999, "?".getBytes())));
        // and the real protocols still work on the same pipeline
        for (Frame f : Packets.read(TestData.capture("zeek-mdns.pcap"))) {
            f.into(raw);
            p.accept(raw);
        }
        p.endOfInput();
        assertThat(brittle.datagrams).isEqualTo(2);
        assertThat(brittle.segments).isEqualTo(1);
        assertThat(p.anomalies().get(Faults.dissector("brittle"))).isEqualTo(3);
        assertThat(p.anomalies().snapshot(Anomaly.Kind.FAULT)).containsOnlyKeys("fault.dissector.brittle");
        assertThat(p.faults().first()).isInstanceOf(ArrayIndexOutOfBoundsException.class);
        assertThat(p.faults().firstComponent().name()).isEqualTo("fault.dissector.brittle");
        List<FlowEnded> flows = events.stream().filter(FlowEnded.class::isInstance).map(FlowEnded.class::cast)
                .filter(f -> f.flow().serverPort() == 9999).toList();
        assertThat(flows).hasSize(3).extracting(FlowEnded::service).containsExactly("brittle", "brittle", null);
        assertThat(flows.stream().mapToLong(f -> f.clientPackets() + f.serverPackets()).sum()).isEqualTo(8);
        assertThat(events).anyMatch(DnsMessage.class::isInstance);
    }

    @Test
    void aDecoderFaultCostsThePacket() {
        Pipeline p = new Pipeline(EngineConfig.defaults(), events::add);
        // a reader that got its own lengths wrong: the frame claims more bytes than the buffer holds
        byte[] frame = Frames.ip(false, true, 17, Frames.udp(40000, 53, new byte[12]));
        raw.set(java.util.Arrays.copyOf(frame, 14), 0, frame.length, frame.length, ts, 1, 0);
        p.accept(raw);
        accept(p, frame);
        p.endOfInput();
        assertThat(p.anomalies().get(Faults.DECODE)).isEqualTo(1);
        assertThat(p.stats().packets()).isEqualTo(2);
        assertThat(p.stats().byLayer()).containsEntry("undecoded", 1L).containsEntry("ipv4", 1L);
    }
}
