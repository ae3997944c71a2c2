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
    record Score(double value, double[] attribution) implements java.io.Serializable {
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
        return new Forest(dimensions, RandomCutForest.builder().dimensions(dimensions).numberOfTrees(trees)
                .sampleSize(sampleSize).randomSeed(seed).parallelExecutionEnabled(false).outputAfter(1).build());
    }

    /**
     * The forest, serializable for the detection state: written through the library's own state
     * mapper with its trees, samplers and random generators, so a restored forest scores and learns
     * exactly as the one that was written would have.
     */
    final class Forest implements AnomalyModel, java.io.Serializable {

        private final int dimensions;
        private transient RandomCutForest forest;
        private long seen;

        Forest(int dimensions, RandomCutForest forest) {
            this.dimensions = dimensions;
            this.forest = forest;
        }

        private static com.amazon.randomcutforest.state.RandomCutForestMapper mapper() {
            var m = new com.amazon.randomcutforest.state.RandomCutForestMapper();
            m.setSaveExecutorContextEnabled(true);
            m.setSaveTreeStateEnabled(true);
            m.setSaveSamplerStateEnabled(true);
            return m;
        }

        @java.io.Serial
        private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
            out.defaultWriteObject();
            out.writeObject(mapper().toState(forest));
        }

        @java.io.Serial
        private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
            in.defaultReadObject();
            forest = mapper().toModel((com.amazon.randomcutforest.state.RandomCutForestState) in.readObject());
        }

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
    }
}
