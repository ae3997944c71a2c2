package dev.vigil.detect.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.net.Ip;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuarantineTest {

    static final long T0 = Fixtures.T0;
    static final long MIN = 60 * Fixtures.SECOND;
    static final List<Ip> BOT = List.of(Ip.parse("192.168.1.99"));

    @Test
    void repeatOffendersAreHeldLongerAndReleaseEndsItEarly() {
        QuarantineLedger l = new QuarantineLedger(QuarantineLedger.Settings.DEFAULT, List.of());
        Quarantine a = l.block("bot", BOT, "attack.telnet_scan", "auto", T0);
        assertThat(a.until() - a.from()).isEqualTo(10 * MIN);
        assertThat(l.block("bot", BOT, "again", "auto", T0 + MIN)).isEqualTo(a);
        Quarantine b = l.block("bot", BOT, "attack.telnet_scan", "auto", T0 + 11 * MIN);
        assertThat(b.offence()).isEqualTo(2);
        assertThat(b.until() - b.from()).isEqualTo(60 * MIN);
        Quarantine r = l.release("bot", "owner re-flashed it", "alice", T0 + 20 * MIN);
        assertThat(r.until()).isEqualTo(T0 + 20 * MIN);
        assertThat(l.active(T0 + 21 * MIN)).isEmpty();
        Quarantine c = l.block("bot", BOT, "c2.beacon", "auto", T0 + 30 * MIN);
        assertThat(c.until() - c.from()).isEqualTo(24 * 60 * MIN);
        assertThat(l.events()).extracting(QuarantineLedger.Event::kind).containsExactly("block", "block", "release", "block");
        // thirty days later the slate is clean
        Quarantine d = new QuarantineLedger(QuarantineLedger.Settings.DEFAULT, l.history()).block("bot", BOT, "x", "auto",
                T0 + 31L * 24 * 60 * MIN);
        assertThat(d.offence()).isEqualTo(1);
    }

    @Test
    void aQuarantineThatLeaksIsAnEnforcementFailure() throws Exception {
        Policy p = PolicyParser.parse("p", "default allow\nquarantine resolver 192.168.1.1 notice 192.168.1.2\n");
        Quarantine q = new Quarantine("mac:00:00:00:00:00:0b", BOT, "attack.telnet_scan", "auto", T0, T0 + 10 * MIN, 1);
        Subject bot = Fixtures.estate().get(10);
        Decider expected = new Decider(p, PolicyContext.of(Fixtures.estate(), DnsView.empty(), List.of(q)));
        long deadline = T0 + 2 * Fixtures.SECOND;
        FlowEnded before = SimulatorTest.flow(1, "192.168.1.99", 6, "192.168.1.30", 23, T0, true);
        FlowEnded dns = SimulatorTest.flow(2, "192.168.1.99", 17, "192.168.1.1", 53, T0 + 5 * Fixtures.SECOND, true);
        FlowEnded tried = SimulatorTest.flow(3, "192.168.1.99", 6, "192.168.1.31", 23, T0 + 6 * Fixtures.SECOND, false);
        FlowEnded leak = SimulatorTest.flow(4, "192.168.1.99", 6, "192.168.1.30", 23, T0 + 7 * Fixtures.SECOND, true);
        EnforcementCheck.Vantage side = EnforcementCheck.Vantage.DEVICE_SIDE;
        assertThat(EnforcementCheck.verify(expected, bot, deadline, 0, List.of(before, dns), side).status()).isEqualTo("quiet");
        assertThat(EnforcementCheck.verify(expected, bot, deadline, 4, List.of(before, dns, tried), side).status())
                .isEqualTo("enforced");
        EnforcementCheck.Outcome still = EnforcementCheck.verify(expected, bot, deadline, 0, List.of(tried), side);
        assertThat(still.status()).isEqualTo("failed");
        assertThat(still.why()).isEqualTo("the device kept trying (1 flow) while the drop counters did not move");
        EnforcementCheck.Outcome o = EnforcementCheck.verify(expected, bot, deadline, 3, List.of(before, dns, tried, leak),
                side);
        assertThat(o.failed()).isTrue();
        assertThat(o.finding().type()).isEqualTo("enforcement.failed");
        assertThat(o.finding().evidence()).containsEntry("got_through", 1L);
        assertThat((List<?>) o.finding().evidence().get("flows")).singleElement().asString()
                .contains("192.168.1.99 -> 192.168.1.30 tcp/23 (quarantine: blocked)");
    }
}
