package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.engine.fuzz.Conversation;
import dev.vigil.engine.testing.Frames;
import dev.vigil.engine.testing.Packets;
import dev.vigil.engine.testing.Packets.Frame;
import dev.vigil.engine.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16: one packet must never stop {@code vigil analyze}; it costs that packet, counted by name. */
class HostilePacketTest {

    @TempDir
    Path tmp;

    /**
     * A capture whose packets are a real telnet session with the poison packet of issue 16 (a
     * Neighbor Solicitation cut 14 bytes into its target address) in the middle.
     */
    static Path poisoned(Path dir) throws Exception {
        List<Frame> frames = new ArrayList<>(Packets.read(TestData.capture("ndpi-telnet.pcap")));
        byte[] icmp = Conversation.decode(Files.readAllBytes(TestData.fuzzInput("ndp/ns-target-cut"))).messages().get(0)
                .bytes();
        Frame middle = frames.get(frames.size() / 2);
        frames.add(frames.size() / 2, Frames.frame(Frames.ip(true, true, 58, icmp), middle.ts()));
        return Frames.writePcap(dir.resolve("poisoned.pcap"), frames);
    }

    @Test
    void aTruncatedNeighborSolicitationIsCountedAndTheAnalysisCompletes() throws Exception {
        Path capture = poisoned(tmp);
        Path out = tmp.resolve("out");
        Cli r = Cli.run("analyze", "-q", "--no-intel", "--out", out.toString(), capture.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("packets").asLong()).isEqualTo(93);
        assertThat(summary.at("/malformed/ndp.malformed").asLong()).isEqualTo(1);
        assertThat(summary.get("faults").size()).isZero();
        assertThat(summary.get("devices").asInt()).isPositive();
    }
}
