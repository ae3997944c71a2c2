package dev.vigil.engine.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Pipeline;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.decode.Decoded;
import dev.vigil.engine.decode.PacketDecoder;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.testing.Packets;
import dev.vigil.engine.testing.Packets.Frame;
import dev.vigil.engine.testing.TestData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real sessions replayed out of order and with duplicates must give the same application events. */
class TcpReassemblerTest {

    private static List<String> events(List<Frame> frames) {
        List<String> out = new ArrayList<>();
        Pipeline p = new Pipeline(EngineConfig.defaults(), e -> {
            if (!(e instanceof FlowEnded)) {
                out.add(withoutTime(e));
            }
        });
        RawPacket raw = new RawPacket();
        for (Frame f : frames) {
            f.into(raw);
            p.accept(raw);
        }
        p.endOfInput();
        return out;
    }

    /** Event times follow the packet that completed a message, which reordering legitimately changes. */
    private static String withoutTime(Event e) {
        return EventJson.toJson(e).replaceFirst("\"ts\":\"[^\"]*\",", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ndpi-http-auth.pcap", "zeek-ftp-ipv4.pcap", "zeek-tls-expired-cert.pcap",
        "ndpi-telnet.pcap", "ndpi-mqtt.pcap", "zeek-tls1_1.pcap"})
    void swappedNeighbourSegmentsGiveTheSameEvents(String capture) {
        List<Frame> frames = Packets.read(TestData.capture(capture));
        List<String> expected = events(frames);
        assertThat(expected).isNotEmpty();
        SplittableRandom rnd = new SplittableRandom(capture.hashCode());
        for (int round = 0; round < 20; round++) {
            List<Frame> shuffled = new ArrayList<>(frames);
            for (int i = 3; i + 1 < shuffled.size(); i++) {
                if (rnd.nextInt(4) == 0 && sameDirection(shuffled.get(i), shuffled.get(i + 1))) {
                    Collections.swap(shuffled, i, i + 1);
                    i++;
                }
            }
            assertThat(events(shuffled)).as("round %d", round).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** Reassembly restores order within a direction; the interleaving of the two directions is the capture's. */
    private static boolean sameDirection(Frame a, Frame b) {
        Decoded da = new Decoded();
        Decoded db = new Decoded();
        PacketDecoder decoder = new PacketDecoder(new AnomalyCounters());
        RawPacket raw = new RawPacket();
        a.into(raw);
        decoder.decode(raw, da);
        b.into(raw);
        decoder.decode(raw, db);
        return da.srcPort == db.srcPort && da.dstPort == db.dstPort && da.srcLo == db.srcLo && da.dstLo == db.dstLo;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ndpi-http-auth.pcap", "zeek-ftp-ipv4.pcap", "zeek-tls-expired-cert.pcap"})
    void duplicatedSegmentsAreTrimmed(String capture) {
        List<Frame> frames = Packets.read(TestData.capture(capture));
        List<String> expected = events(frames);
        List<Frame> doubled = new ArrayList<>();
        for (Frame f : frames) {
            doubled.add(f);
            doubled.add(f);
        }
        assertThat(events(doubled)).containsExactlyElementsOf(expected);
    }
}
