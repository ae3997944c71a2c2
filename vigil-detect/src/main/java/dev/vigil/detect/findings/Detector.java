package dev.vigil.detect.findings;

import dev.vigil.engine.event.Event;

/**
 * A check that turns events into findings. It sees every event in packet order on the pipeline
 * thread and records findings through a {@link FindingRecorder}; what depends on the whole
 * inventory (locality, shared certificates, vulnerable firmware) it decides in {@link #finish}.
 */
public interface Detector {

    void accept(Event e);

    /** End of the analysis: the inventory is resolved. */
    default void finish(DeviceIndex devices) {
    }
}
