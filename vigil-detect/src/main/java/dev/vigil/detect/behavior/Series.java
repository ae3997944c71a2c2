package dev.vigil.detect.behavior;

import dev.vigil.engine.event.EventJson;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Time-stamped observations of one key (a source and a port, a client and a server): when, what
 * target, whether it failed, and which flow. Bounded at {@link #MAX} observations; what comes after
 * is counted but not kept.
 */
final class Series implements Keyed.Kept, java.io.Serializable {

    static final int MAX = 20_000;

    private final int cap;

    long[] ts = new long[2];
    Object[] target = new Object[2];
    boolean[] failed = new boolean[2];
    long[] flow = new long[2];
    int size;
    long overflow;
    long failures;
    /** Packet time of the newest observation, kept or only counted; of the oldest one trimmed. */
    long newest = Long.MIN_VALUE;
    private long trimmedFirst = Long.MAX_VALUE;
    /** The distinct targets of every observation kept since the first trim (null until then). */
    private DistinctSketch seen;
    /** The kept observations are in time order (they usually arrive so); sort() has nothing to do. */
    private boolean sorted = true;
    // the last answers, valid while no observation was kept since: a service that takes stock at
    // every window asks again and again about series that did not change
    private int memoDistinctSize = -1;
    private long memoDistinctWindow;
    private int memoDistinct;
    private int memoReachSize = -1;
    private long memoReachWindow;
    private int memoReachK;
    private long memoReach;

    Series() {
        this(MAX);
    }

    Series(int cap) {
        this.cap = cap;
    }

    void add(long t, Object tgt, boolean fail, long flowId) {
        newest = Math.max(newest, t);
        if (fail) {
            failures++;
        }
        if (size >= cap) {
            overflow++;
            return;
        }
        if (size == ts.length) {
            int n = Math.min(cap, size * 2);
            ts = Arrays.copyOf(ts, n);
            target = Arrays.copyOf(target, n);
            failed = Arrays.copyOf(failed, n);
            flow = Arrays.copyOf(flow, n);
        }
        if (size > 0 && t < ts[size - 1]) {
            sorted = false;
        }
        if (seen != null) {
            seen.add(tgt);
        }
        ts[size] = t;
        target[size] = tgt;
        failed[size] = fail;
        flow[size] = flowId;
        size++;
    }

    /** An observation counted but not kept (a conversation before any failure, say). */
    void passed(long t) {
        newest = Math.max(newest, t);
        overflow++;
    }

    @Override
    public long lastNanos() {
        return newest;
    }

    /** The four arrays, and about 24 bytes for each target kept (an address; small numbers are shared). */
    @Override
    public long bytes() {
        return 112 + ts.length * 21L + size * 24L + (seen == null ? 0 : DistinctSketch.BYTES);
    }

    /** Fewer than this many kept observations are not trimmed: a short series is cheap and all evidence. */
    static final int MIN_TRIM = 64;

    /** Lets go of the older half of the kept observations; they stay counted (in total and failures). */
    @Override
    public boolean trim() {
        if (size < MIN_TRIM) {
            return false;
        }
        sort();
        if (seen == null) {
            seen = new DistinctSketch();
            for (int i = 0; i < size; i++) {
                seen.add(target[i]);
            }
        }
        int drop = size / 2;
        trimmedFirst = Math.min(trimmedFirst, ts[0]);
        int keep = size - drop;
        ts = Arrays.copyOfRange(ts, drop, drop + keep);
        target = Arrays.copyOfRange(target, drop, drop + keep);
        failed = Arrays.copyOfRange(failed, drop, drop + keep);
        flow = Arrays.copyOfRange(flow, drop, drop + keep);
        size = keep;
        overflow += drop;
        memoDistinctSize = -1;
        memoReachSize = -1;
        return true;
    }

    /** How many observations are kept at most. */
    int cap() {
        return cap;
    }

    long total() {
        return size + overflow;
    }

    double failedShare() {
        return total() == 0 ? 0 : (double) failures / total();
    }

    /** Sorts the kept observations by time. */
    void sort() {
        if (sorted) {
            return;
        }
        sorted = true;
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(ts[a], ts[b]));
        long[] t2 = new long[size];
        Object[] g2 = new Object[size];
        boolean[] f2 = new boolean[size];
        long[] i2 = new long[size];
        for (int i = 0; i < size; i++) {
            t2[i] = ts[order[i]];
            g2[i] = target[order[i]];
            f2[i] = failed[order[i]];
            i2[i] = flow[order[i]];
        }
        ts = t2;
        target = g2;
        failed = f2;
        flow = i2;
    }

    /** The most distinct targets seen within any window of {@code window} nanoseconds (sorted first). */
    int maxDistinctInWindow(long window) {
        if (memoDistinctSize == size && memoDistinctWindow == window) {
            return memoDistinct;
        }
        memoDistinct = computeMaxDistinct(window);
        memoDistinctSize = size;
        memoDistinctWindow = window;
        return memoDistinct;
    }

    private int computeMaxDistinct(long window) {
        sort();
        Map<Object, Integer> inWindow = new HashMap<>();
        int best = 0;
        int lo = 0;
        for (int hi = 0; hi < size; hi++) {
            inWindow.merge(target[hi], 1, Integer::sum);
            while (ts[hi] - ts[lo] > window) {
                Object o = target[lo++];
                if (inWindow.merge(o, -1, Integer::sum) == 0) {
                    inWindow.remove(o);
                }
            }
            best = Math.max(best, inWindow.size());
        }
        return best;
    }

    /**
     * When the distinct targets within a window first reached {@code k} (sorted first): the moment a
     * detector watching live would have raised its alert. {@link Long#MIN_VALUE} if never.
     */
    long timeReaching(long window, int k) {
        if (memoReachSize == size && memoReachWindow == window && memoReachK == k) {
            return memoReach;
        }
        memoReach = computeReaching(window, k);
        memoReachSize = size;
        memoReachWindow = window;
        memoReachK = k;
        return memoReach;
    }

    private long computeReaching(long window, int k) {
        sort();
        Map<Object, Integer> inWindow = new HashMap<>();
        int lo = 0;
        for (int hi = 0; hi < size; hi++) {
            inWindow.merge(target[hi], 1, Integer::sum);
            while (ts[hi] - ts[lo] > window) {
                Object o = target[lo++];
                if (inWindow.merge(o, -1, Integer::sum) == 0) {
                    inWindow.remove(o);
                }
            }
            if (inWindow.size() >= k) {
                return ts[hi];
            }
        }
        return Long.MIN_VALUE;
    }

    /** ISO time of {@link #timeReaching}, or null. */
    String detectedAt(long window, int k) {
        long t = timeReaching(window, k);
        return t == Long.MIN_VALUE ? null : EventJson.time(t);
    }

    /**
     * Distinct targets over the whole series: exact while nothing was trimmed; after, at least the
     * exact count of what is kept, and the sketch's estimate of all that was kept since.
     */
    int distinct() {
        java.util.HashSet<Object> s = new java.util.HashSet<>();
        for (int i = 0; i < size; i++) {
            s.add(target[i]);
        }
        return seen == null ? s.size() : (int) Math.max(s.size(), seen.estimate());
    }

    long first() {
        long m = trimmedFirst;
        for (int i = 0; i < size; i++) {
            m = Math.min(m, ts[i]);
        }
        return m;
    }

    long last() {
        long m = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            m = Math.max(m, ts[i]);
        }
        return m;
    }

    void markAll(FlowMarks marks, String type) {
        if (marks == null) {
            return;
        }
        for (int i = 0; i < size; i++) {
            if (flow[i] > 0) {
                marks.mark(flow[i], type);
            }
        }
    }
}
