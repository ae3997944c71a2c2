package dev.vigil.engine.proto.ndp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Pipeline;
import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import dev.vigil.engine.testing.Frames;
import dev.vigil.engine.testing.Poison;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdpParserTest {

    private final List<Event> events = new ArrayList<>();
    private final Pipeline pipeline = new Pipeline(EngineConfig.defaults(), events::add);
    private final RawPacket raw = new RawPacket();

    private void accept(byte[] frame) {
        raw.set(frame, 0, frame.length, frame.length, 1_700_000_000_000_000_000L, 1, 0);
        pipeline.accept(raw);
    }

    /** A Neighbor Solicitation: reserved, target fe80::1, source link-layer address option (RFC 4861 §4.3). */
    static byte[] solicitation() {
        byte[] body = new byte[4 + 16 + 8];
        System.arraycopy(Ip.parse("fe80::1").toBytes(), 0, body, 4, 16);
        body[20] = 1;
        body[21] = 1;
        System.arraycopy(Frames.CLIENT_MAC, 0, body, 22, 6);
        return Frames.icmpv6(135, 0, body);
    }

    /** Issue 16: a 64-byte Solicitation cut 14 bytes into its target address stopped the analysis (exit 3). */
    @Test
    void solicitationCutInsideItsTargetIsCountedAndTheRunGoesOn() throws Exception {
        byte[] frame = Poison.frame();
        assertThat(frame).hasSize(64);
        accept(frame);
        accept(Frames.ip(true, true, 58, solicitation()));
        assertThat(pipeline.anomalies().get(NdpParser.MALFORMED)).isEqualTo(1);
        assertThat(pipeline.anomalies().snapshot(Anomaly.Kind.MALFORMED)).containsOnlyKeys("ndp.malformed");
        List<NeighborDiscovery> nd = events.stream().filter(NeighborDiscovery.class::isInstance)
                .map(NeighborDiscovery.class::cast).toList();
        assertThat(nd).singleElement().satisfies(m -> {
            assertThat(m.targetIp()).isEqualTo(Ip.parse("fe80::1"));
            assertThat(m.linkAddress()).isEqualTo(Mac.of(Mac.read(Frames.CLIENT_MAC, 0)));
        });
    }

    /** Every truncation point of a whole Solicitation: a message or a counted anomaly, never a throw. */
    @Test
    void everyTruncationPointIsAMessageOrAnAnomaly() {
        byte[] whole = solicitation();
        for (int cut = 0; cut <= whole.length; cut++) {
            accept(Frames.ip(true, true, 58, Arrays.copyOf(whole, cut)));
        }
        long messages = events.stream().filter(NeighborDiscovery.class::isInstance).count();
        // 4 bytes of ICMPv6 header are needed to know the type; from there on each cut is one or the
        // other, and only two are whole messages: without options (a valid NS, RFC 4861 §4.3) and all of it
        assertThat(messages + pipeline.anomalies().get(NdpParser.MALFORMED)).isEqualTo(whole.length - 3);
        assertThat(messages).isEqualTo(2);
    }
}
