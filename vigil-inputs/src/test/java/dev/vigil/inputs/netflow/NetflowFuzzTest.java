package dev.vigil.inputs.netflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing of the NetFlow v5/v9 and IPFIX decoder with what a hostile address can
 * send a collector. The first byte chooses the framing, so the fuzzer reaches past the headers: 0 a
 * raw datagram, 1 an IPFIX message header (RFC 7011 §3.1) around the rest as its sets, 2 a NetFlow
 * v9 header (RFC 3954 §5.1), 3 a NetFlow v5 header; the second byte picks one of four exporters.
 * One decoder lives across inputs, so templates announced by one input are used by the next. A
 * target fails on any exception and on templates held beyond the limits (an endless loop trips
 * the fuzzer's time limit).
 * Kept inputs: NetflowFuzzTestInputs/ (a template and its data set of each version). bench/fuzz.sh
 * fuzzes it (JAZZER_FUZZ=1).
 */
class NetflowFuzzTest {

    static final NetflowLimits LIMITS = new NetflowLimits(8, 64, 256, 4, 64, 1_000_000, 1_000_000);

    private static NetflowDecoder decoder;

    private static synchronized NetflowDecoder decoder() {
        if (decoder == null) {
            decoder = new NetflowDecoder(LIMITS);
        }
        return decoder;
    }

    @FuzzTest(maxDuration = "5m")
    void datagram(byte[] in) {
        if (in.length < 2) {
            return;
        }
        byte[] body = Arrays.copyOfRange(in, 2, in.length);
        byte[] wire = switch (in[0] & 3) {
            case 1 -> frame(16, body, b -> b.putShort((short) 10).putShort((short) (16 + body.length)).putInt(1_700_000_000)
                    .putInt(1).putInt(in[1] & 3));
            case 2 -> frame(20, body, b -> b.putShort((short) 9).putShort((short) 2).putInt(1000).putInt(1_700_000_000).putInt(1)
                    .putInt(in[1] & 3));
            case 3 -> frame(24, body, b -> b.putShort((short) 5).putShort((short) Math.min(30, body.length / 48)).putInt(1000)
                    .putInt(1_700_000_000).putInt(0).putInt(1).putShort((short) 0).putShort((short) 0));
            default -> body;
        };
        NetflowDecoder d = decoder();
        d.decode(wire, wire.length, "192.0.2." + (1 + (in[1] & 3)), r -> {
            assertThat(r).isNotNull();
        });
        assertThat(d.templates()).isLessThanOrEqualTo(LIMITS.templates());
    }

    private static byte[] frame(int header, byte[] body, java.util.function.Consumer<ByteBuffer> head) {
        ByteBuffer b = ByteBuffer.allocate(header + body.length);
        head.accept(b);
        b.position(header);
        b.put(body);
        return b.array();
    }
}
