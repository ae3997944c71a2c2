package dev.vigil.detect.behavior;

import java.util.HashMap;
import java.util.Map;

/**
 * Which flows detectors named as evidence, and for which finding type: what {@code vigil eval}
 * compares with flow labels. Bounded: past {@link #MAX} marked flows, further marks are counted only.
 */
public final class FlowMarks implements java.io.Serializable {

    static final int MAX = 2_000_000;

    private final Map<Long, String> marks = new HashMap<>();
    private long dropped;

    /** Marks a flow as evidence of a finding type (the first type named stays). */
    public void mark(long flowId, String type) {
        if (marks.size() >= MAX && !marks.containsKey(flowId)) {
            dropped++;
            return;
        }
        marks.putIfAbsent(flowId, type);
    }

    /** The finding type a flow is evidence of, or null. */
    public String type(long flowId) {
        return marks.get(flowId);
    }

    public int size() {
        return marks.size();
    }

    public long dropped() {
        return dropped;
    }
}
