package dev.vigil.engine.testing;

import dev.vigil.engine.fuzz.Conversation;
import dev.vigil.engine.testing.Packets.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The packet of issue 16 that stopped Vigil: a 64-byte IPv6 Neighbor Solicitation cut 14 bytes
 * before the end of its target address (kept as src/test/resources/fuzz/ndp/ns-target-cut).
 */
public final class Poison {

    private Poison() {
    }

    /** The Ethernet frame. */
    public static byte[] frame() throws IOException {
        byte[] icmp = Conversation.decode(Files.readAllBytes(TestData.fuzzInput("ndp/ns-target-cut"))).messages().get(0)
                .bytes();
        return Frames.ip(true, true, 58, icmp);
    }

    /** A real telnet session (92 packets) with the poison packet in the middle, as DIR/poisoned.pcap. */
    public static Path capture(Path dir) throws IOException {
        List<Frame> frames = new ArrayList<>(Packets.read(TestData.capture("ndpi-telnet.pcap")));
        Frame middle = frames.get(frames.size() / 2);
        frames.add(frames.size() / 2, Frames.frame(frame(), middle.ts()));
        return Frames.writePcap(dir.resolve("poisoned.pcap"), frames);
    }
}
