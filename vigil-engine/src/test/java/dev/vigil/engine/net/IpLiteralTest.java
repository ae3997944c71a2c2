package dev.vigil.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 16 audit: {@code Ip.parse} used {@code InetAddress.getByName}, which sends text that is not
 * a literal ({@code 999.1.1.1}, {@code zz:zz}) to the resolver, so a conn.log row or a header could
 * make Vigil send DNS queries and wait for them. Literals only now.
 */
class IpLiteralTest {

    @ParameterizedTest
    @ValueSource(strings = {"192.168.1.2", "0.0.0.0", "255.255.255.255", "::", "::1", "1::", "fe80::1", "FE80::A",
        "2001:db8::8:800:200c:417a", "::ffff:192.0.2.1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "1::7:8",
        "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8"})
    void literalsReadAsTheJdkReadsThem(String text) throws Exception {
        // IPv4 is held IPv4-mapped, so ::ffff:192.0.2.1 and the JDK's Inet4Address are the same Ip
        assertThat(Ip.parse(text)).isEqualTo(Ip.ofBytes(InetAddress.getByName(text).getAddress()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"999.1.1.1", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3", "1234.1.1.1", "zz:zz", "example.com",
        "fe80::1%lo", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1", "1:", ":::", "12345::", "1:2:3:4:5:6:7:1.2.3.4",
        "::1.2.3.4.5", "1.2.3.4:80", "[::1]", "", "-1.2.3.4", "0x7f.0.0.1"})
    void anythingElseIsRefusedWithoutAskingAResolver(String text) {
        assertThat(Ip.tryParse(text)).isNull();
        assertThatThrownBy(() -> Ip.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not an IP address");
    }
}
