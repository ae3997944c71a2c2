package dev.vigil.detect.behavior;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Random Cut Forest behind {@code anomaly.behavior}, with the service's settings (20 trees, 64
 * points a tree) on windows shaped like a device's: ordinary windows score about 1, a window far
 * outside the history scores above the default threshold (5), the explanation names the feature
 * that moved, and the same points in the same order give the same scores.
 */
class AnomalyModelTest {

    static final int FEATURES = 11;

    /** A window of an ordinary device: about 20 flows, 2 destinations, 2 ports, 40 kB out, a little noise. */
    static double[] ordinary(SplittableRandom rnd) {
        double[] x = new double[FEATURES];
        x[0] = Math.log1p(18 + rnd.nextInt(5));
        x[1] = Math.log1p(2);
        x[2] = Math.log1p(2);
        x[3] = Math.log1p(40_000 + rnd.nextInt(4_000));
        x[4] = Math.log1p(90_000 + rnd.nextInt(9_000));
        x[5] = Math.log1p(120 + rnd.nextInt(20));
        x[6] = 0;
        x[7] = Math.log1p(1);
        x[8] = 0;
        x[9] = 0.5;
        x[10] = 0.86;
        return x;
    }

    static AnomalyModel trained(long seed) {
        AnomalyModel m = AnomalyModel.randomCutForest(FEATURES, 20, 64, seed);
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 300; i++) {
            m.update(ordinary(rnd));
        }
        return m;
    }

    @Test
    void anOrdinaryWindowScoresLowAndAnUploadBurstScoresHighForTheRightReason() {
        AnomalyModel m = trained(42);
        assertThat(m.seen()).isEqualTo(300);
        double normal = m.value(ordinary(new SplittableRandom(99)));
        assertThat(normal).isLessThan(2.0);
        // the same device suddenly sends 200 MB to the usual places
        double[] burst = ordinary(new SplittableRandom(99));
        burst[3] = Math.log1p(200_000_000);
        burst[5] = Math.log1p(150_000);
        AnomalyModel.Score s = m.score(burst);
        assertThat(s.value()).isGreaterThan(5.0);
        int top = 0;
        for (int i = 1; i < FEATURES; i++) {
            if (s.attribution()[i] > s.attribution()[top]) {
                top = i;
            }
        }
        assertThat(top).as("the feature that drove the score").isIn(3, 5);
        assertThat(s.attribution()[3] + s.attribution()[5]).isGreaterThan(0.5 * s.value());
    }

    @Test
    void sameHistorySameScores() {
        double[] probe = ordinary(new SplittableRandom(5));
        probe[1] = Math.log1p(300);
        assertThat(trained(42).score(probe).value()).isEqualTo(trained(42).score(probe).value());
    }

    @Test
    void anEmptyModelHasNothingToSay() {
        AnomalyModel m = AnomalyModel.randomCutForest(FEATURES, 20, 64, 1);
        assertThat(m.value(new double[FEATURES])).isZero();
        assertThat(m.score(new double[FEATURES]).value()).isZero();
    }
}
