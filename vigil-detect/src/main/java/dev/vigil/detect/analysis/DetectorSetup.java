package dev.vigil.detect.analysis;

import dev.vigil.detect.behavior.DetectionConfig;
import dev.vigil.detect.behavior.DnsNames;
import dev.vigil.detect.behavior.FlowMarks;
import dev.vigil.detect.behavior.Locality;
import dev.vigil.detect.behavior.Scans;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.detect.intel.Indicators;
import dev.vigil.detect.intel.IntelStore;
import java.time.LocalDate;

/**
 * What a detector may be made of: where it records findings, the analysis's configuration, and the
 * memory detectors share (the names devices resolved, the scans seen, which flows findings rest on,
 * which addresses are local). A detector that learns across windows gets the learning memory's
 * recorder; one that judges each window afresh gets the window's.
 *
 * @param findings where the detector records findings
 * @param config the analysis's configuration
 * @param names what each device resolved, learnt from DNS (learning detectors only; null for a
 *     window's checks)
 * @param scans the scans seen, for those that tell a scan's retries from a beacon (learning
 *     detectors only)
 * @param marks which flows findings rest on, or null when not kept
 * @param locality which addresses are local
 */
public record DetectorSetup(FindingRecorder findings, AnalysisConfig config, DnsNames names, Scans scans, FlowMarks marks,
        Locality locality) {

    /** Detection thresholds. */
    public DetectionConfig thresholds() {
        return config.detection();
    }

    /** Known-bad destinations the operator supplied. */
    public Indicators indicators() {
        return config.indicators();
    }

    /** The intel store, or null when there is none. */
    public IntelStore intel() {
        return config.intel();
    }

    /** The date end-of-support and KEV due dates are judged against. */
    public LocalDate today() {
        return config.today();
    }
}
