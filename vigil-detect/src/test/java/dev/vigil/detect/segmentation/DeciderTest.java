package dev.vigil.detect.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.net.Ip;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeciderTest {

    static final long T0 = Fixtures.T0;

    static Decider office() throws Exception {
        Policy p = PolicyParser.parse("office.policy", PolicyParserTest.OFFICE.replace("expires 2030-06-30",
                "expires " + java.time.Instant.ofEpochSecond(T0 / Fixtures.SECOND + 3600)));
        List<Quarantine> q = List.of(new Quarantine("mac:00:00:00:00:00:0b", List.of(Ip.parse("192.168.1.99")),
                "attack.telnet_scan", "auto", T0, T0 + 60 * Fixtures.SECOND, 1));
        return new Decider(p, PolicyContext.of(Fixtures.estate(), Fixtures.dns(), q));
    }

    static Decision d(Decider x, String src, String dst, int proto, int port, long at) {
        return x.decide(Ip.parse(src), null, Ip.parse(dst), proto, port, at, true);
    }

    @Test
    void rulesInOrderThenTheZoneDefault() throws Exception {
        Decider x = office();
        assertThat(d(x, "192.168.1.10", "192.168.1.20", 6, 554, T0).reason()).isEqualTo("rule cams-nvr");
        assertThat(d(x, "192.168.1.10", "192.168.1.20", 6, 80, T0).reason()).isEqualTo("default deny");
        assertThat(d(x, "192.168.1.10", "10.20.0.5", 6, 443, T0)).satisfies(r -> {
            assertThat(r.allowed()).isFalse();
            assertThat(r.reason()).isEqualTo("rule iot-finance");
            assertThat(r.revision()).hasSize(12);
            assertThat(r.trace()).anySatisfy(t -> assertThat(t).contains("rule iot-finance (line 19)"));
        });
        assertThat(d(x, "192.168.1.50", "192.168.1.1", 17, 53, T0).reason()).isEqualTo("rule dns");
    }

    @Test
    void dnsNamesHoldWhileTheirAnswerDoes() throws Exception {
        Decider x = office();
        assertThat(d(x, "192.168.1.10", "52.70.158.224", 6, 443, T0 + 10 * Fixtures.SECOND).reason()).isEqualTo("rule cams-cloud");
        // 300 s TTL plus the 60 s margin
        assertThat(d(x, "192.168.1.10", "52.70.158.224", 6, 443, T0 + 359 * Fixtures.SECOND).allowed()).isTrue();
        assertThat(d(x, "192.168.1.10", "52.70.158.224", 6, 443, T0 + 361 * Fixtures.SECOND).allowed()).isFalse();
        // an address never resolved stays blocked
        assertThat(d(x, "192.168.1.10", "52.70.158.226", 6, 443, T0).allowed()).isFalse();
    }

    @Test
    void exceptionsStopAtTheirExpiry() throws Exception {
        Decider x = office();
        assertThat(d(x, "192.168.1.40", "224.0.0.251", 17, 5353, T0).reason()).isEqualTo("rule tv-cast");
        Decision after = d(x, "192.168.1.40", "224.0.0.251", 17, 5353, T0 + 3601 * Fixtures.SECOND);
        assertThat(after.allowed()).isFalse();
        assertThat(after.trace()).anySatisfy(t -> assertThat(t).startsWith("exception tv-cast expired"));
    }

    @Test
    void quarantineLeavesDhcpDnsAndTheNoticeAndBlocksLateralTraffic() throws Exception {
        Decider x = office();
        long t = T0 + Fixtures.SECOND;
        assertThat(d(x, "192.168.1.99", "192.168.1.1", 17, 53, t).reason()).isEqualTo("quarantine: dns");
        assertThat(d(x, "192.168.1.99", "255.255.255.255", 17, 67, t).reason()).isEqualTo("quarantine: dhcp");
        assertThat(d(x, "192.168.1.99", "192.168.1.2", 6, 80, t).reason()).isEqualTo("quarantine: notice");
        assertThat(d(x, "192.168.1.99", "8.8.8.8", 17, 53, t).allowed()).isFalse();
        assertThat(d(x, "192.168.1.99", "192.168.1.10", 6, 23, t).allowed()).isFalse();
        assertThat(d(x, "192.168.1.10", "192.168.1.99", 6, 80, t).reason()).isEqualTo("quarantine: destination");
        // released at its expiry
        assertThat(d(x, "192.168.1.99", "192.168.1.1", 6, 53, T0 + 61 * Fixtures.SECOND).reason()).isEqualTo("rule dns");
    }
}
