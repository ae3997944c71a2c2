package dev.vigil.detect.intel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Vendor version comparison: real-world orderings, then properties over thousands of random versions. */
class VendorVersionTest {

    private static final VendorVersion C = VendorVersion.COMPARATOR;

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource(delimiter = '|', textBlock = """
            V5.5.0 build 180212            | V5.5.0 build 180301
            V5.5.0 build 180301            | 5.5.1
            1.0.7                          | 1.0.7_20190613
            1.0.7_20190613                 | 1.0.8
            1.0.7_20190613                 | 1.0.7_20200101
            1.2-rc1                        | 1.2
            1.2                            | 1.2-p1
            1.2-p1                         | 1.3
            2.0.0-beta3                    | 2.0.0-beta10
            2.0.0-beta10                   | 2.0.0-rc1
            2.0.0-alpha                    | 2.0.0-beta
            2.0.0-rc1                      | 2.0.0
            1.1.3 Build 20221209 rel.18963 | 1.1.4 Build 20230219 rel.69802
            1.1.4 Build 20230219 rel.69802 | 1.1.4 Build 20230301
            1.1.4                          | 1.1.4 Build 20230219 rel.69802
            V100R001C00SPC100              | V100R001C00SPC200
            V100R001C00SPC200              | V100R002C00
            1.0.1                          | 1.0.1a
            1.0.1a                         | 1.0.1b
            1.0.1z                         | 1.0.2
            2.9                            | 2.10
            1.09                           | 1.10
            4.0.0.0                        | 4.0.0.1
            1.00.05                        | 1.00.10
            RTL8196E-1.0                   | RTL8196E-1.1
            """)
    void ordersRealVersionStrings(String older, String newer) {
        assertThat(C.compare(older.trim(), newer.trim())).isNegative();
        assertThat(C.compare(newer.trim(), older.trim())).isPositive();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1.0         | 1.0.0
            v1.0        | 1.0
            V1.2.3      | 1.2.3
            1_2_3       | 1.2.3
            1-2-3       | 1.2.3
            Version 2.1 | 2.1
            FW 1.4      | 1.4
            1.01        | 1.1
            2.0 Build 5 | 2.0.5
            """)
    void ignoresNotationNoise(String a, String b) {
        assertThat(C.compare(a.trim(), b.trim())).isZero();
    }

    @Test
    void rangesFollowTheComparison() {
        // CVE-2023-1389: TP-Link Archer AX21 firmware before 1.1.4 Build 20230219
        assertThat(VendorVersion.inRange("1.1.3 Build 20221209", null, null, null, "1.1.4 Build 20230219")).isTrue();
        assertThat(VendorVersion.inRange("1.1.4 Build 20230219 rel.69802", null, null, null, "1.1.4 Build 20230219"))
                .isFalse();
        assertThat(VendorVersion.inRange("2.0", "2.0", null, "2.5", null)).isTrue();
        assertThat(VendorVersion.inRange("2.0", null, "2.0", "2.5", null)).isFalse();
        assertThat(VendorVersion.inRange("2.5.0", null, null, "2.5", null)).isTrue();
        assertThat(VendorVersion.inRange("2.5.1", null, null, "2.5", null)).isFalse();
    }

    // ---- properties over random versions -------------------------------------------------------------------------

    private static final String[] WORDS = {"beta", "rc", "alpha", "p", "a", "b", "build", "rel", "c", "spc", "patch",
        "dev", "hotfix"};
    private static final String[] SEPARATORS = {".", "-", "_", " ", ""};
    private static final String[] PREFIXES = {"", "v", "V", "ver ", "Version "};

    private static String randomVersion(Random r) {
        StringBuilder s = new StringBuilder(PREFIXES[r.nextInt(PREFIXES.length)]);
        int parts = 1 + r.nextInt(5);
        for (int i = 0; i < parts; i++) {
            if (i > 0) {
                String sep = SEPARATORS[r.nextInt(SEPARATORS.length)];
                s.append(sep.isEmpty() && Character.isDigit(s.charAt(s.length() - 1)) ? "." : sep);
            }
            if (r.nextInt(4) == 0) {
                s.append(WORDS[r.nextInt(WORDS.length)]);
            } else {
                s.append(r.nextInt(r.nextBoolean() ? 10 : 100_000));
            }
        }
        return s.toString();
    }

    @RepeatedTest(5)
    void isATotalOrder(RepetitionInfo rep) {
        Random r = new Random(0x5eed + rep.getCurrentRepetition());
        List<String> vs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            vs.add(randomVersion(r));
        }
        for (String a : vs) {
            assertThat(C.compare(a, a)).isZero();
            for (int k = 0; k < 40; k++) {
                String b = vs.get(r.nextInt(vs.size()));
                String c = vs.get(r.nextInt(vs.size()));
                int ab = Integer.signum(C.compare(a, b));
                assertThat(Integer.signum(C.compare(b, a))).as("antisymmetry %s / %s", a, b).isEqualTo(-ab);
                int bc = Integer.signum(C.compare(b, c));
                if (ab <= 0 && bc <= 0) {
                    assertThat(C.compare(a, c)).as("transitivity %s <= %s <= %s", a, b, c).isLessThanOrEqualTo(0);
                }
                if (ab == 0) {
                    assertThat(Integer.signum(C.compare(a, c))).as("equal %s, %s behave alike", a, b).isEqualTo(bc);
                }
            }
        }
        // sorting never breaks the comparator contract and gives the same order from any starting order
        List<String> sorted = new ArrayList<>(vs);
        sorted.sort(C);
        List<String> again = new ArrayList<>(vs);
        Collections.shuffle(again, r);
        again.sort(C);
        for (int i = 0; i < sorted.size(); i++) {
            assertThat(C.compare(sorted.get(i), again.get(i))).isZero();
        }
    }

    @RepeatedTest(5)
    void numericVersionsCompareAsPaddedTuples(RepetitionInfo rep) {
        Random r = new Random(0xc0ffee + rep.getCurrentRepetition());
        for (int i = 0; i < 5000; i++) {
            int[] x = randomTuple(r);
            int[] y = r.nextInt(4) == 0 ? mutate(x, r) : randomTuple(r);
            int expected = Integer.signum(comparePadded(x, y));
            String a = PREFIXES[r.nextInt(PREFIXES.length)] + join(x, SEPARATORS[r.nextInt(3)]);
            String b = PREFIXES[r.nextInt(PREFIXES.length)] + join(y, SEPARATORS[r.nextInt(3)]);
            assertThat(Integer.signum(C.compare(a, b))).as("%s vs %s", a, b).isEqualTo(expected);
        }
    }

    @RepeatedTest(5)
    void rangeMembershipMatchesTheBounds(RepetitionInfo rep) {
        Random r = new Random(0xbeef + rep.getCurrentRepetition());
        for (int i = 0; i < 5000; i++) {
            int[] lo = randomTuple(r);
            int[] hi = randomTuple(r);
            int[] v = r.nextBoolean() ? mutate(lo, r) : mutate(hi, r);
            String sv = join(v, ".");
            String sl = join(lo, ".");
            String sh = join(hi, ".");
            boolean afterLo = comparePadded(v, lo) >= 0;
            boolean strictlyAfterLo = comparePadded(v, lo) > 0;
            boolean beforeHi = comparePadded(v, hi) < 0;
            boolean upToHi = comparePadded(v, hi) <= 0;
            assertThat(VendorVersion.inRange(sv, sl, null, null, sh)).isEqualTo(afterLo && beforeHi);
            assertThat(VendorVersion.inRange(sv, null, sl, sh, null)).isEqualTo(strictlyAfterLo && upToHi);
            assertThat(VendorVersion.inRange(sv, null, null, null, null)).isTrue();
        }
    }

    @Test
    void preReleasesComeBeforeTheirRelease() {
        Random r = new Random(42);
        for (int i = 0; i < 2000; i++) {
            String base = join(randomTuple(r), ".");
            String pre = base + "-" + List.of("alpha", "beta", "rc", "pre").get(r.nextInt(4)) + r.nextInt(20);
            String post = base + "-" + List.of("p", "hotfix", "patch").get(r.nextInt(3)) + r.nextInt(20);
            assertThat(C.compare(pre, base)).as("%s < %s", pre, base).isNegative();
            assertThat(C.compare(base, post)).as("%s < %s", base, post).isNegative();
        }
    }

    private static int[] randomTuple(Random r) {
        int[] t = new int[1 + r.nextInt(5)];
        for (int i = 0; i < t.length; i++) {
            t[i] = r.nextInt(r.nextBoolean() ? 3 : 30_000);
        }
        return t;
    }

    private static int[] mutate(int[] x, Random r) {
        int[] y = Arrays.copyOf(x, Math.max(1, x.length + r.nextInt(3) - 1));
        int i = r.nextInt(y.length);
        y[i] = Math.max(0, y[i] + r.nextInt(3) - 1);
        return y;
    }

    private static int comparePadded(int[] x, int[] y) {
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? x[i] : 0, i < y.length ? y[i] : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static String join(int[] t, String sep) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < t.length; i++) {
            if (i > 0) {
                s.append(sep);
            }
            s.append(t[i]);
        }
        return s.toString();
    }
}
