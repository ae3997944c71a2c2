package dev.vigil.detect.analysis;

import dev.vigil.detect.behavior.BareChannelDetector;
import dev.vigil.detect.behavior.BehaviorProfiles;
import dev.vigil.detect.behavior.BruteForceDetector;
import dev.vigil.detect.behavior.C2Detector;
import dev.vigil.detect.behavior.ColdUploadDetector;
import dev.vigil.detect.behavior.DdosDetector;
import dev.vigil.detect.behavior.DropperFetchDetector;
import dev.vigil.detect.behavior.ExploitDetector;
import dev.vigil.detect.behavior.LateralDetector;
import dev.vigil.detect.behavior.LoginGuessDetector;
import dev.vigil.detect.behavior.ProbeShapeDetector;
import dev.vigil.detect.behavior.ReflectionDetector;
import dev.vigil.detect.behavior.ScanDetector;
import dev.vigil.detect.behavior.TunnelDetector;
import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.hygiene.CredentialChecks;
import dev.vigil.detect.hygiene.DefaultCredentials;
import dev.vigil.detect.hygiene.ServiceChecks;
import dev.vigil.detect.hygiene.TlsChecks;
import dev.vigil.detect.hygiene.UpdateChecks;
import dev.vigil.detect.vuln.VulnerabilityChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every detector, one line each, in the order they see events. A detector's memory either lasts one
 * window (the checks of what traffic shows: credentials, services, TLS, updates, vulnerabilities;
 * the service runs them afresh on each window and the store merges their findings) or spans the
 * whole analysis (behaviour: scans, guessing, beacons, floods, tunnels, baselines; in the service it
 * outlives the windows). A factory that returns null leaves its detector out (no intel store, no
 * vulnerability checks). Adding a detector is one class and one line here, and its finding types
 * in the catalogue.
 */
public final class Detectors {

    /** How long a detector's memory lasts. */
    public enum Memory {
        /** One window: made afresh for each. */
        WINDOW,
        /** The whole analysis, across the service's windows. */
        LEARNING
    }

    /** One detector: how long it remembers and how it is made. */
    public record Registration(Memory memory, Function<DetectorSetup, Detector> factory) {
    }

    public static final List<Registration> ALL = List.of(
            window(s -> new CredentialChecks(s.findings(), DefaultCredentials.bundled())),
            window(s -> new ServiceChecks(s.findings())),
            window(s -> new TlsChecks(s.findings())),
            window(s -> new UpdateChecks(s.findings())),
            window(s -> s.intel() == null ? null : new VulnerabilityChecks(s.findings(), s.intel(), s.today())),
            learning(DetectorSetup::names),
            learning(s -> new ScanDetector(s.findings(), s.thresholds(), s.names(), s.marks(), s.scans())),
            learning(s -> new BruteForceDetector(s.findings(), s.thresholds(), s.marks())),
            learning(s -> new C2Detector(s.findings(), s.thresholds(), s.indicators(), s.names(), s.marks(), s.scans())),
            learning(s -> new DdosDetector(s.findings(), s.thresholds(), s.marks())),
            learning(s -> new TunnelDetector(s.findings(), s.thresholds(), s.marks())),
            learning(s -> new ExploitDetector(s.findings(), s.thresholds(), s.marks())),
            learning(s -> new LateralDetector(s.findings(), s.thresholds(), s.marks())),
            learning(s -> new LoginGuessDetector(s.findings(), s.thresholds(), s.marks())),
            learning(s -> new BareChannelDetector(s.findings(), s.thresholds(), s.names(), s.marks())),
            learning(s -> new ProbeShapeDetector(s.findings(), s.thresholds(), s.marks())),
            learning(s -> new ReflectionDetector(s.findings(), s.thresholds(), s.marks())),
            learning(s -> new DropperFetchDetector(s.findings(), s.thresholds(), s.names(), s.marks())),
            learning(s -> new ColdUploadDetector(s.findings(), s.thresholds(), s.names(), s.marks())),
            learning(s -> new BehaviorProfiles(s.findings(), s.thresholds(), s.names(), s.locality(), s.marks())));

    private Detectors() {
    }

    private static Registration window(Function<DetectorSetup, Detector> factory) {
        return new Registration(Memory.WINDOW, factory);
    }

    private static Registration learning(Function<DetectorSetup, Detector> factory) {
        return new Registration(Memory.LEARNING, factory);
    }

    /** The detectors of one memory, made from {@code setup}, in registration order. */
    static List<Detector> make(Memory memory, DetectorSetup setup) {
        List<Detector> out = new ArrayList<>();
        for (Registration r : ALL) {
            if (r.memory() == memory) {
                Detector d = r.factory().apply(setup);
                if (d != null) {
                    out.add(d);
                }
            }
        }
        return out;
    }
}
