package dev.vigil.engine.anomaly;

import dev.vigil.engine.anomaly.Anomaly.Kind;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fault isolation, as Zeek and Suricata do it: an exception thrown by one component while it
 * handles one input costs that input (a packet, a flow's dissection, one event for one observer),
 * is counted as a {@link Kind#FAULT} anomaly named after the component ({@code fault.decode},
 * {@code fault.dissector.dns}, {@code fault.detector.scan}), and the run goes on. Catching costs
 * nothing on the hot path: the names are declared once per component, and a fault allocates only
 * when it happens. The first fault is kept with its stack trace, for the log and for the fuzzers.
 * Not thread-safe: one pipeline, one thread.
 */
public final class Faults {

    /** The packet decoder threw: the packet was dropped. */
    public static final Anomaly DECODE = Anomaly.declare("fault.decode", Kind.FAULT,
            "the packet decoder failed on a packet; the packet was skipped");
    /** The flow table or TCP reassembly threw: the packet was dropped. */
    public static final Anomaly FLOW = Anomaly.declare("fault.flow", Kind.FAULT,
            "flow tracking or TCP reassembly failed on a packet; the packet was skipped");

    private static final Map<String, Anomaly> COMPONENTS = new ConcurrentHashMap<>();

    private final AnomalyCounters counters;
    private Throwable first;
    private Anomaly firstComponent;

    Faults(AnomalyCounters counters) {
        this.counters = counters;
    }

    /** The fault anomaly of a protocol's dissector (and its probe): {@code fault.dissector.NAME}. */
    public static Anomaly dissector(String protocol) {
        return component("dissector." + protocol, "the " + protocol
                + " dissector failed on a flow's bytes; that flow's dissection stopped, the flow is still counted");
    }

    /** The fault anomaly of a detector: {@code fault.detector.NAME}. */
    public static Anomaly detector(String name) {
        return component("detector." + name, "the " + name
                + " detector failed on an event; it missed that event, the other detectors did not");
    }

    /** The fault anomaly of another component: {@code fault.NAME}. */
    public static Anomaly component(String name, String description) {
        return COMPONENTS.computeIfAbsent(name, n -> Anomaly.declare("fault." + n, Kind.FAULT, description));
    }

    /** Counts a fault of {@code component} and keeps the first one seen. */
    public void record(Anomaly component, Throwable t) {
        counters.count(component);
        if (first == null) {
            first = t;
            firstComponent = component;
        }
    }

    /**
     * Adds what {@code other} counted (a stage that ran on another thread, once it has stopped); its
     * first fault becomes this one's if there was none.
     */
    public void addAll(Faults other) {
        counters.addAll(other.counters);
        if (first == null) {
            first = other.first;
            firstComponent = other.firstComponent;
        }
    }

    /** Faults counted so far, in total. */
    public long total() {
        long n = 0;
        for (long c : counters.snapshot(Kind.FAULT).values()) {
            n += c;
        }
        return n;
    }

    /** The first fault, or null. */
    public Throwable first() {
        return first;
    }

    /** The component of the first fault, or null. */
    public Anomaly firstComponent() {
        return firstComponent;
    }
}
