package dev.vigil.engine.anomaly;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of anomalies seen by one pipeline. Not thread-safe: one pipeline, one thread.
 */
public final class AnomalyCounters {

    private long[] counts = new long[64];
    private Faults faults;

    /** Where the components counting into these counters record their faults (one per counters). */
    public Faults faults() {
        if (faults == null) {
            faults = new Faults(this);
        }
        return faults;
    }

    public void count(Anomaly a) {
        int id = a.id();
        if (id >= counts.length) {
            grow(id);
        }
        counts[id]++;
    }

    public void count(Anomaly a, long n) {
        int id = a.id();
        if (id >= counts.length) {
            grow(id);
        }
        counts[id] += n;
    }

    private void grow(int id) {
        long[] bigger = new long[Math.max(id + 1, counts.length * 2)];
        System.arraycopy(counts, 0, bigger, 0, counts.length);
        counts = bigger;
    }

    public long get(Anomaly a) {
        return a.id() < counts.length ? counts[a.id()] : 0;
    }

    public long total() {
        long t = 0;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /** Non-zero counts by anomaly name, sorted by name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        for (Anomaly a : Anomaly.all()) {
            long c = get(a);
            if (c > 0) {
                m.put(a.name(), c);
            }
        }
        return m;
    }

    /** Non-zero counts of one kind, by name. */
    public Map<String, Long> snapshot(Anomaly.Kind kind) {
        Map<String, Long> m = new TreeMap<>();
        for (Anomaly a : Anomaly.all()) {
            long c = get(a);
            if (c > 0 && a.kind() == kind) {
                m.put(a.name(), c);
            }
        }
        return m;
    }

    public void addAll(AnomalyCounters other) {
        for (int i = 0; i < other.counts.length; i++) {
            if (other.counts[i] != 0) {
                if (i >= counts.length) {
                    grow(i);
                }
                counts[i] += other.counts[i];
            }
        }
    }
}
