package dev.vigil.engine.anomaly;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A named kind of malformed or unusual input ({@code dns.label_too_long}). Decoders and parsers
 * declare theirs as constants, count them through {@link AnomalyCounters} and move on: bad input
 * is data, not an exception. Each anomaly gets a small dense id so that counting is an array
 * increment on the hot path.
 *
 * @param id dense index, assigned at declaration
 * @param name dotted name, {@code layer.what}; unique
 * @param kind what sort of irregularity it is, which decides where the summary reports it
 * @param description one line for the documentation and the report
 */
public record Anomaly(int id, String name, Kind kind, String description) {

    /** How an anomaly is reported. */
    public enum Kind {
        /** The bytes contradict their own protocol: a damaged or hostile packet or file. */
        MALFORMED,
        /** Cut short by the capture's snap length: normal for header-only captures. */
        TRUNCATED,
        /** Well-formed but not decoded (a link type or encapsulation Vigil does not handle). */
        UNSUPPORTED,
        /** A configured bound was reached (flow table full, reassembly depth). */
        LIMIT,
        /** Worth counting, not a problem (IP fragments, TCP retransmissions). */
        NOTE,
        /**
         * Vigil itself failed on this input (an exception in a decoder, a dissector, an observer or
         * a detector): what failed dropped that packet, or stopped that flow's dissection, and the
         * run went on. Always a bug to report, with the input.
         */
        FAULT
    }

    private static final Map<String, Anomaly> BY_NAME = new ConcurrentHashMap<>();
    private static final List<Anomaly> ALL = Collections.synchronizedList(new ArrayList<>());

    /** Declares a {@link Kind#MALFORMED} anomaly. */
    public static Anomaly declare(String name, String description) {
        return declare(name, Kind.MALFORMED, description);
    }

    /** Declares an anomaly; declaring the same name twice returns the first declaration. */
    public static Anomaly declare(String name, Kind kind, String description) {
        synchronized (ALL) {
            Anomaly existing = BY_NAME.get(name);
            if (existing != null) {
                return existing;
            }
            Anomaly a = new Anomaly(ALL.size(), name, kind, description);
            ALL.add(a);
            BY_NAME.put(name, a);
            return a;
        }
    }

    /** Every anomaly declared so far, in declaration order. */
    public static List<Anomaly> all() {
        synchronized (ALL) {
            return List.copyOf(ALL);
        }
    }

    static int declaredCount() {
        return ALL.size();
    }
}
