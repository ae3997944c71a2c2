package dev.vigil.detect.analysis;

import dev.vigil.detect.behavior.DetectionConfig;
import dev.vigil.detect.findings.AlertPolicy;
import dev.vigil.detect.intel.Indicators;
import dev.vigil.detect.intel.IntelStore;
import dev.vigil.detect.trust.Assets;
import dev.vigil.detect.trust.TrustConfig;
import dev.vigil.detect.inventory.InventoryConfig;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.capture.CaptureLimits;
import dev.vigil.engine.event.EventSink;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * How an analysis runs.
 *
 * @param engine engine bounds and dissectors
 * @param captures capture-reader bounds
 * @param inventory inventory configuration
 * @param eventLog where every event also goes (an --events file), or {@link EventSink#NONE}
 * @param intel the intel store vulnerabilities and firmware currency are checked against, or null
 * @param today the date end-of-support and KEV due dates are judged against
 * @param detection detection thresholds
 * @param indicators known-bad destinations the operator supplied (may be empty)
 * @param markFlows keep which flows each detection finding rests on ({@code vigil eval})
 * @param detect run the behaviour detectors at all
 * @param trust trust and risk weights
 * @param assets what the organisation knows of its devices (owner, location, criticality)
 * @param alerts which findings raise alerts
 */
public record AnalysisConfig(EngineConfig engine, CaptureLimits captures, InventoryConfig inventory,
        EventSink eventLog, IntelStore intel, LocalDate today, DetectionConfig detection, Indicators indicators,
        boolean markFlows, boolean detect, TrustConfig trust, Assets assets, AlertPolicy alerts) {

    public static AnalysisConfig defaults() {
        return new AnalysisConfig(EngineConfig.defaults(), CaptureLimits.DEFAULT, InventoryConfig.DEFAULT, EventSink.NONE,
                null, LocalDate.now(ZoneOffset.UTC), DetectionConfig.defaults(), Indicators.empty(), false, true,
                TrustConfig.defaults(), Assets.none(), AlertPolicy.defaults());
    }

    public AnalysisConfig withEngine(EngineConfig e) {
        return new AnalysisConfig(e, captures, inventory, eventLog, intel, today, detection, indicators, markFlows, detect, trust, assets,
                alerts);
    }

    public AnalysisConfig withInventory(InventoryConfig i) {
        return new AnalysisConfig(engine, captures, i, eventLog, intel, today, detection, indicators, markFlows, detect, trust, assets, alerts);
    }

    public AnalysisConfig withEventLog(EventSink log) {
        return new AnalysisConfig(engine, captures, inventory, log, intel, today, detection, indicators, markFlows, detect, trust, assets, alerts);
    }

    public AnalysisConfig withIntel(IntelStore store) {
        return new AnalysisConfig(engine, captures, inventory, eventLog, store, today, detection, indicators, markFlows,
                detect, trust, assets, alerts);
    }

    public AnalysisConfig withToday(LocalDate date) {
        return new AnalysisConfig(engine, captures, inventory, eventLog, intel, date, detection, indicators, markFlows,
                detect, trust, assets, alerts);
    }

    public AnalysisConfig withDetection(DetectionConfig d, Indicators i) {
        return new AnalysisConfig(engine, captures, inventory, eventLog, intel, today, d, i, markFlows, detect, trust, assets, alerts);
    }

    public AnalysisConfig withMarkFlows(boolean on) {
        return new AnalysisConfig(engine, captures, inventory, eventLog, intel, today, detection, indicators, on, detect, trust, assets, alerts);
    }

    public AnalysisConfig withTrust(TrustConfig t, Assets a) {
        return new AnalysisConfig(engine, captures, inventory, eventLog, intel, today, detection, indicators, markFlows, detect,
                t, a, alerts);
    }

    public AnalysisConfig withAlerts(AlertPolicy a) {
        return new AnalysisConfig(engine, captures, inventory, eventLog, intel, today, detection, indicators, markFlows, detect,
                trust, assets, a);
    }

    public AnalysisConfig withDetect(boolean on) {
        return new AnalysisConfig(engine, captures, inventory, eventLog, intel, today, detection, indicators, markFlows, on, trust, assets, alerts);
    }
}
