package dev.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe's guard rails: scope, passive-only ranges and connection spacing (on a fake clock). */
class ProbeScopeTest {

    @Test
    void scopeAndPassiveOnly() {
        ProbeScope s = ProbeScope.parse(List.of("192.168.10.0/24", "10.0.0.5"), List.of("192.168.10.128/25"));
        assertThat(s.check(Ip.parse("192.168.10.7"))).isEqualTo(ProbeScope.Verdict.ALLOWED);
        assertThat(s.check(Ip.parse("10.0.0.5"))).isEqualTo(ProbeScope.Verdict.ALLOWED);
        assertThat(s.check(Ip.parse("10.0.0.6"))).isEqualTo(ProbeScope.Verdict.OUT_OF_SCOPE);
        assertThat(s.check(Ip.parse("192.168.11.1"))).isEqualTo(ProbeScope.Verdict.OUT_OF_SCOPE);
        assertThat(s.check(Ip.parse("192.168.10.200"))).isEqualTo(ProbeScope.Verdict.PASSIVE_ONLY);
        assertThat(s.check(Ip.parse("fe80::1"))).isEqualTo(ProbeScope.Verdict.OUT_OF_SCOPE);
        // network and broadcast addresses are not hosts
        List<Ip> hosts = s.hosts();
        assertThat(hosts).hasSize(254 + 1).doesNotContain(Ip.parse("192.168.10.0"), Ip.parse("192.168.10.255"));
    }

    @Test
    void refusesNoScopeAndTooWideScopes() {
        assertThatThrownBy(() -> ProbeScope.parse(List.of(), List.of())).hasMessageContaining("--scope is required");
        assertThatThrownBy(() -> ProbeScope.parse(List.of("10.0.0.0/8"), List.of())).hasMessageContaining("larger than");
        assertThatThrownBy(() -> ProbeScope.parse(List.of("::/0"), List.of())).hasMessageContaining("larger than");
        assertThatThrownBy(() -> ProbeScope.parse(List.of("printer.lan"), List.of()))
                .hasMessageContaining("not an address block");
        assertThat(ProbeScope.parse(List.of("10.1.0.0/16"), List.of()).check(Ip.parse("10.1.255.254")))
                .isEqualTo(ProbeScope.Verdict.ALLOWED);
    }

    @Test
    void connectionsAreSpacedToTheRate() throws Exception {
        long[] now = {0};
        List<Long> waits = new ArrayList<>();
        RateLimiter r = new RateLimiter(10, () -> now[0], n -> {
            waits.add(n);
            now[0] += n;
        });
        for (int i = 0; i < 5; i++) {
            r.acquire();
        }
        // the first goes at once, each next one 100 ms after the previous
        assertThat(waits).containsExactly(100_000_000L, 100_000_000L, 100_000_000L, 100_000_000L);
        now[0] += 1_000_000_000L;
        r.acquire();
        assertThat(waits).hasSize(4);
        assertThatThrownBy(() -> new RateLimiter(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theConnectorRefusesOutOfScopeEvenWhenAsked() {
        Connector c = new Connector(ProbeScope.parse(List.of("127.0.0.1/32"), List.of("127.0.0.1/32")),
                new RateLimiter(100), 500);
        assertThatThrownBy(() -> c.open(Ip.parse("127.0.0.1"), 9)).isInstanceOf(Connector.RefusedException.class)
                .hasMessageContaining("passive-only");
        Connector d = new Connector(ProbeScope.parse(List.of("127.0.0.1/32"), List.of()), new RateLimiter(100), 500);
        assertThatThrownBy(() -> d.open(Ip.parse("127.0.0.2"), 9)).isInstanceOf(Connector.RefusedException.class)
                .hasMessageContaining("outside the scope");
        assertThat(d.opened()).isZero();
    }
}
