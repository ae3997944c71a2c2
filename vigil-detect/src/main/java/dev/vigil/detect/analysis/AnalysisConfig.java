package dev.vigil.detect.analysis;

import dev.vigil.detect.inventory.InventoryConfig;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.capture.CaptureLimits;
import dev.vigil.engine.event.EventSink;

/**
 * How an analysis runs.
 *
 * @param engine engine bounds and dissectors
 * @param captures capture-reader bounds
 * @param inventory inventory configuration
 * @param eventLog where every event also goes (an --events file), or {@link EventSink#NONE}
 */
public record AnalysisConfig(EngineConfig engine, CaptureLimits captures, InventoryConfig inventory,
        EventSink eventLog) {

    public static AnalysisConfig defaults() {
        return new AnalysisConfig(EngineConfig.defaults(), CaptureLimits.DEFAULT, InventoryConfig.DEFAULT, EventSink.NONE);
    }

    public AnalysisConfig withInventory(InventoryConfig i) {
        return new AnalysisConfig(engine, captures, i, eventLog);
    }

    public AnalysisConfig withEventLog(EventSink log) {
        return new AnalysisConfig(engine, captures, inventory, log);
    }
}
