package dev.vigil.enforce.radius;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The authenticators against the worked example of RFC 2865 section 7.1. */
class RadiusCryptoTest {

    static final byte[] SECRET = "xyzzy5461".getBytes(StandardCharsets.US_ASCII);
    static final byte[] REQUEST = HexFormat.of().parseHex(
            "010000380f403f9473978057bd83d5cb98f4227a01066e656d6f02120dbe708d93d413ce3196e43f782a0aee0406c0a8011005060000000003");
    static final byte[] REPLY = HexFormat.of().parseHex(
            "0200002686fe220e7624ba2a1005f6bf9b55e0b20606000000010f06000000000e06c0a80103");

    @Test
    void theRfcsExampleUnhidesItsPasswordAndVerifiesItsReply() throws Exception {
        RadiusPacket req = RadiusPacket.parse(REQUEST, REQUEST.length);
        assertThat(req.text(RadiusPacket.USER_NAME)).isEqualTo("nemo");
        assertThat(RadiusCrypto.userPassword(req.first(RadiusPacket.USER_PASSWORD).value(), req.authenticator(), SECRET))
                .isEqualTo("arctangent");
        assertThat(RadiusCrypto.hidePassword("arctangent", req.authenticator(), SECRET))
                .isEqualTo(req.first(RadiusPacket.USER_PASSWORD).value());
        assertThat(RadiusCrypto.verifyReply(REPLY, REPLY.length, req.authenticator(), SECRET)).isTrue();
        REPLY[REPLY.length - 1] ^= 1;
        assertThat(RadiusCrypto.verifyReply(REPLY, REPLY.length, req.authenticator(), SECRET)).isFalse();
        REPLY[REPLY.length - 1] ^= 1;
        assertThat(RadiusPacket.parse(REPLY, REPLY.length).encode()).isEqualTo(REPLY);
    }
}
