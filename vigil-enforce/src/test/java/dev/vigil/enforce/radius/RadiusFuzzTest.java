package dev.vigil.enforce.radius;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.detect.segmentation.VlanPlan;
import dev.vigil.engine.net.Cidr;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Coverage-guided fuzzing of what a hostile NAS address can send the RADIUS server: any datagram,
 * and (first byte odd) any attributes behind a valid Message-Authenticator, so the fuzzer reaches
 * the decisions past the proof. A target fails on any exception and on a reply that is not a
 * well-formed packet proven with the client's secret. Kept inputs: RadiusFuzzTestInputs/. bench/fuzz.sh
 * fuzzes it (JAZZER_FUZZ=1).
 */
class RadiusFuzzTest {

    static final byte[] SECRET = "fuzzing-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    static final InetSocketAddress FROM = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5000);

    private static RadiusServer server;

    private static synchronized RadiusServer server() throws Exception {
        if (server == null) {
            server = RadiusServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    java.util.List.of(new RadiusClient("fuzz", Cidr.parse("127.0.0.0/8"), SECRET)),
                    mac -> new Placement.Placed(null, mac.endsWith("0") ? null : new VlanPlan.Assignment(20, "zone fuzz")),
                    a -> { });
        }
        return server;
    }

    @FuzzTest(maxDuration = "5m")
    void datagram(byte[] in) throws Exception {
        if (in.length == 0) {
            return;
        }
        byte[] wire = (in[0] & 1) == 0 ? Arrays.copyOfRange(in, 1, in.length) : proven(Arrays.copyOfRange(in, 1, in.length));
        byte[] buf = Arrays.copyOf(wire, Math.max(wire.length, RadiusPacket.MAX_LENGTH));
        byte[] reply = server().handle(buf, Math.min(wire.length, RadiusPacket.MAX_LENGTH), FROM);
        if (reply != null) {
            RadiusPacket req = RadiusPacket.parse(buf, wire.length);
            RadiusPacket r = RadiusPacket.parse(reply, reply.length);
            assertThat(r.id()).isEqualTo(req.id());
            assertThat(RadiusCrypto.verifyReply(reply, reply.length, req.authenticator(), SECRET)).isTrue();
        }
        try {
            RadiusPacket p = RadiusPacket.parse(buf, Math.min(wire.length, RadiusPacket.MAX_LENGTH));
            byte[] again = p.encode();
            assertThat(RadiusPacket.parse(again, again.length).attributes()).hasSameSizeAs(p.attributes());
        } catch (RadiusFormatException expected) {
            // refusing is the right answer to a malformed datagram
        }
    }

    /** An Access-Request of the input's identifier, authenticator and attribute bytes, with a valid Message-Authenticator first. */
    static byte[] proven(byte[] in) throws Exception {
        int n = Math.min(in.length, RadiusPacket.MAX_LENGTH - 40);
        byte[] w = new byte[20 + 18 + Math.max(0, n - 17)];
        w[0] = RadiusPacket.ACCESS_REQUEST;
        w[1] = n > 0 ? in[0] : 0;
        if (n > 1) {
            System.arraycopy(in, 1, w, 4, Math.min(16, n - 1));
        }
        w[2] = (byte) (w.length >>> 8);
        w[3] = (byte) w.length;
        w[20] = RadiusPacket.MESSAGE_AUTHENTICATOR;
        w[21] = 18;
        if (n > 17) {
            System.arraycopy(in, 17, w, 38, n - 17);
        }
        Mac m = Mac.getInstance("HmacMD5");
        m.init(new SecretKeySpec(SECRET, "HmacMD5"));
        System.arraycopy(m.doFinal(w), 0, w, 22, 16);
        return w;
    }
}
