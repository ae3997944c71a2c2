package dev.vigil.detect.findings;

import dev.vigil.engine.event.Event;

/**
 * A check that turns events into findings. It sees every event in packet order on the pipeline
 * thread and records findings through a {@link FindingRecorder}; what depends on the whole
 * inventory (locality, shared certificates, vulnerable firmware) it decides in {@link #finish}.
 */
public interface Detector {

    void accept(Event e);

    /**
     * Short lower-case name, used where a failure of this detector is counted
     * ({@code fault.detector.NAME}): by default the class name without "Detector" or "Checks", in
     * snake case ({@code BruteForceDetector} → {@code brute_force}).
     */
    default String name() {
        String n = getClass().getSimpleName().replaceFirst("(Detector|Checks)$", "");
        return n.isEmpty() ? "anonymous" : n.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** End of the analysis: the inventory is resolved. */
    default void finish(DeviceIndex devices) {
    }

    /**
     * Takes stock in the middle of a continuing analysis (the service, at the end of each window):
     * records what the state so far shows, and must leave that state as it was, since more events
     * follow. By default the same as {@link #finish}, for detectors whose finish only reads.
     */
    default void checkpoint(DeviceIndex devices) {
        finish(devices);
    }
}
