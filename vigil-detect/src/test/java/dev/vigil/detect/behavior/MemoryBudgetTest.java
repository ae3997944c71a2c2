package dev.vigil.detect.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.net.Ip;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The budget on real series: idle keys are forgotten, the devices holding the most trim first, the
 * least recently active keys are shed before the newest, and a quiet device keeps what it has.
 */
class MemoryBudgetTest {

    static final long S = 1_000_000_000L;
    static final Locality LAN = new Locality(List.of());

    /** A learning detector of one map: client and port keys, as the scan detector keeps them. */
    static final class Probes implements Bounded {
        final Keyed<Key, Series> keys = new Keyed<>();

        void probe(String client, int port, long t, int target) {
            keys.computeIfAbsent(new Key(Ip.parse(client), null, 6, port), k -> new Series()).add(t, target, true, 0);
        }

        @Override
        public List<Keyed<?, ?>> kept() {
            return List.of(keys);
        }

        Series of(String client, int port) {
            return keys.get(new Key(Ip.parse(client), null, 6, port));
        }
    }

    static MemoryBudget.Limits limits(long bytes) {
        return new MemoryBudget.Limits(bytes / 2, bytes, bytes);
    }

    @Test
    void idleKeysAreForgottenAndTheRestIsUntouched() {
        Probes p = new Probes();
        p.probe("10.0.0.1", 23, 10 * S, 1);
        p.probe("10.0.0.2", 23, 100 * S, 2);
        MemoryBudget.Use u = MemoryBudget.fit(List.of(p), LAN, 50 * S, limits(1 << 30), 1);
        assertThat(u.forgotten()).isEqualTo(1);
        assertThat(u.shed()).isZero();
        assertThat(u.trimmed()).isZero();
        assertThat(p.of("10.0.0.1", 23)).isNull();
        assertThat(p.of("10.0.0.2", 23).total()).isEqualTo(1);
    }

    @Test
    void theDeviceHoldingTheMostTrimsItsOldestObservationsFirstAndKeepsItsCounts() {
        Probes p = new Probes();
        for (int i = 0; i < 20_000; i++) {
            p.probe("10.0.0.1", 23, i * S / 100, i);
        }
        for (int i = 0; i < 40; i++) {
            p.probe("10.0.0.2", 80, i * S, i);
        }
        long before = p.of("10.0.0.1", 23).bytes() + p.of("10.0.0.2", 80).bytes();
        MemoryBudget.Use u = MemoryBudget.fit(List.of(p), LAN, Long.MIN_VALUE, limits(before / 3), 1);
        Series noisy = p.of("10.0.0.1", 23);
        assertThat(u.bytes()).isLessThanOrEqualTo((long) (before / 3 * MemoryBudget.TARGET));
        assertThat(u.devices()).isEqualTo(2);
        assertThat(u.shed()).isZero();
        assertThat(noisy.size).isLessThan(20_000);
        // counted still: every attempt and failure, and the first of them
        assertThat(noisy.total()).isEqualTo(20_000);
        assertThat(noisy.failures).isEqualTo(20_000);
        assertThat(noisy.first()).isZero();
        // what is kept is the newest
        noisy.sort();
        assertThat(noisy.ts[noisy.size - 1]).isEqualTo(19_999 * S / 100);
        // the quiet device kept all it had
        assertThat(p.of("10.0.0.2", 80).size).isEqualTo(40);
    }

    @Test
    void overTheBudgetTheLeastRecentlyActiveKeysGoAndEachDeviceKeepsItsNewest() {
        Probes p = new Probes();
        for (int port = 1; port <= 200; port++) {
            for (int i = 0; i < 10; i++) {
                p.probe("10.0.0.1", port, port * S + i, i);
            }
        }
        p.probe("10.0.0.2", 80, 0, 1);
        long before = MemoryBudget.fit(List.of(p), LAN, Long.MIN_VALUE, limits(1 << 30), 1).bytes();
        MemoryBudget.Use u = MemoryBudget.fit(List.of(p), LAN, Long.MIN_VALUE, limits(before / 4), 1);
        assertThat(u.shed()).isPositive();
        assertThat(u.bytes()).isLessThanOrEqualTo((long) (before / 4 * MemoryBudget.TARGET));
        assertThat(p.of("10.0.0.1", 200)).isNotNull();
        assertThat(p.of("10.0.0.1", 1)).isNull();
        // the oldest key of all, but its device's only one
        assertThat(p.of("10.0.0.2", 80)).isNotNull();
    }

    @Test
    void aSqueezeShedsHalfOfWhatIsHeldWhateverTheBudget() {
        Probes p = new Probes();
        for (int port = 1; port <= 100; port++) {
            p.probe("10.0.0.1", port, port * S, port);
        }
        long before = MemoryBudget.fit(List.of(p), LAN, Long.MIN_VALUE, limits(1 << 30), 1).bytes();
        MemoryBudget.Use u = MemoryBudget.fit(List.of(p), LAN, Long.MIN_VALUE, limits(1 << 30), 0.5);
        assertThat(u.budget()).isLessThanOrEqualTo(before / 2);
        assertThat(u.bytes()).isLessThanOrEqualTo(before / 2);
        assertThat(p.of("10.0.0.1", 100)).isNotNull();
    }

    @Test
    void aTrimmedSeriesStillCountsItsDistinctTargets() {
        Series s = new Series();
        for (int i = 0; i < 20_000; i++) {
            s.add(i, Ip.parse("10.1." + (i / 250) + "." + (i % 250)), true, 0);
        }
        assertThat(s.distinct()).isEqualTo(20_000);
        s.trim();
        s.trim();
        assertThat(s.size).isEqualTo(5_000);
        // the sketch's estimate of all 20,000, within its error (about 3 %; 6 % is two standard errors)
        assertThat(s.distinct()).isBetween(18_800, 21_200);
        for (int i = 0; i < 100; i++) {
            s.add(20_000 + i, Ip.parse("10.1.0." + (i % 10)), true, 0);
        }
        // repeats add nothing
        assertThat(s.distinct()).isBetween(18_800, 21_200);
        // a short series is all evidence: it is not trimmed, and counts exactly
        Series few = new Series();
        for (int i = 0; i < Series.MIN_TRIM - 1; i++) {
            few.add(i, i, false, 0);
        }
        few.trim();
        assertThat(few.size).isEqualTo(Series.MIN_TRIM - 1);
        assertThat(few.distinct()).isEqualTo(Series.MIN_TRIM - 1);
    }
}
