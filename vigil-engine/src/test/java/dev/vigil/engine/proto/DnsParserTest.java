package dev.vigil.engine.proto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.proto.dns.DnsMessage;
import dev.vigil.engine.proto.dns.DnsParser;
import dev.vigil.engine.testing.Packets;
import dev.vigil.engine.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DnsParserTest {

    private final DnsParser parser = new DnsParser();

    /** A query header with one question, then {@code body}. */
    private static byte[] query(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
        out.writeBytes(body);
        return out.toByteArray();
    }

    private DnsMessage parse(byte[] m) {
        return parser.parse(0, null, "dns", m, 0, m.length);
    }

    @Test
    void compressionPointerToItselfIsALoopAttempt() {
        byte[] m = query(new byte[] {(byte) 0xc0, 12, 0, 1, 0, 1});
        assertThat(parse(m)).isNull();
        assertThat(parser.problem()).isEqualTo(DnsParser.BAD_POINTER);
    }

    @Test
    void forwardPointerIsRejected() {
        byte[] m = query(new byte[] {(byte) 0xc0, 20, 0, 1, 0, 1, 3, 'a', 'b', 'c', 0});
        assertThat(parse(m)).isNull();
        assertThat(parser.problem()).isEqualTo(DnsParser.BAD_POINTER);
    }

    @Test
    void twoPointersChasingEachOtherTerminate() {
        // name at 12: label "a" then pointer to 12 again -> strictly backwards rule stops it
        byte[] m = query(new byte[] {1, 'a', (byte) 0xc0, 12, 0, 1, 0, 1});
        assertThat(parse(m)).isNull();
        assertThat(parser.problem()).isEqualTo(DnsParser.BAD_POINTER);
    }

    @Test
    void reservedLabelTypeIsRejected() {
        byte[] m = query(new byte[] {0x41, 'x', 0, 0, 1, 0, 1});
        assertThat(parse(m)).isNull();
        assertThat(parser.problem()).isEqualTo(DnsParser.BAD_LABEL);
    }

    @Test
    void nameLongerThan255BytesIsRejected() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) {
            body.write(63);
            body.writeBytes("a".repeat(63).getBytes());
        }
        body.write(0);
        body.writeBytes(new byte[] {0, 1, 0, 1});
        assertThat(parse(query(body.toByteArray()))).isNull();
        assertThat(parser.problem()).isEqualTo(DnsParser.NAME_TOO_LONG);
    }

    @Test
    void validBackwardPointerIsFollowed() {
        // question "a.example" at 12; an answer for "www" + pointer to "example" (offset 14)
        byte[] body = {1, 'a', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 0, 1, 0, 1,
            3, 'w', 'w', 'w', (byte) 0xc0, 14, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 0, 0, 1};
        byte[] m = query(body);
        m[7] = 1;
        DnsMessage msg = parse(m);
        assertThat(msg).isNotNull();
        assertThat(msg.questions().get(0).name()).isEqualTo("a.example");
        assertThat(msg.answers().get(0).name()).isEqualTo("www.example");
        assertThat(msg.answers().get(0).data()).isEqualTo("10.0.0.1");
    }

    @Test
    void everyTruncationOfARealMessageFailsCleanly() {
        var frame = Packets.read(TestData.capture("zeek-mdns.pcap")).get(2);
        byte[] udp = Arrays.copyOfRange(frame.data(), 14 + 40 + 8, frame.data().length);
        assertThat(parse(udp)).isNotNull();
        for (int cut = 0; cut < udp.length; cut++) {
            byte[] part = Arrays.copyOf(udp, cut);
            DnsMessage m = parser.parse(0, null, "mdns", part, 0, part.length);
            assertThat(m == null || parser.problem() != null).as("cut at %d", cut).isTrue();
        }
    }
}
