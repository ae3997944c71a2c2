package dev.vigil.detect.behavior;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.returntypes.DiVector;

/**
 * A streaming anomaly model over one device's feature vectors: score a point against what was seen,
 * explain the score feature by feature, then learn the point. Pure: no I/O, no clock, no threads;
 * the same points in the same order give the same scores.
 */
public interface AnomalyModel {

    /**
     * @param value the anomaly score (the model's own scale; about 1 is ordinary)
     * @param attribution each feature's share of the score
     */
    record Score(double value, double[] attribution) {
    }

    /** Scores a point against what the model learnt so far. */
    Score score(double[] point);

    /** The score alone, cheaper than {@link #score} when no explanation is needed. */
    double value(double[] point);

    /** Learns a point. */
    void update(double[] point);

    /** Points learnt. */
    long seen();

    /** Random Cut Forest (Guha et al., ICML 2016), from Amazon's randomcutforest library, seeded. */
    static AnomalyModel randomCutForest(int dimensions, int trees, int sampleSize, long seed) {
        RandomCutForest forest = RandomCutForest.builder().dimensions(dimensions).numberOfTrees(trees)
                .sampleSize(sampleSize).randomSeed(seed).parallelExecutionEnabled(false).outputAfter(1).build();
        return new AnomalyModel() {
            private long seen;

            @Override
            public Score score(double[] point) {
                if (seen == 0) {
                    return new Score(0, new double[dimensions]);
                }
                DiVector d = forest.getAnomalyAttribution(point);
                double[] a = new double[dimensions];
                double total = 0;
                for (int i = 0; i < dimensions; i++) {
                    a[i] = d.getHighLowSum(i);
                    total += a[i];
                }
                return new Score(total, a);
            }

            @Override
            public double value(double[] point) {
                return seen == 0 ? 0 : forest.getAnomalyScore(point);
            }

            @Override
            public void update(double[] point) {
                forest.update(point);
                seen++;
            }

            @Override
            public long seen() {
                return seen;
            }
        };
    }
}
