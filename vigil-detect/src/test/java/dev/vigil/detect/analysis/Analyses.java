package dev.vigil.detect.analysis;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.inventory.Device;
import dev.vigil.engine.capture.CaptureLimits;
import dev.vigil.inputs.InputException;
import dev.vigil.inputs.Inputs;
import java.nio.file.Path;
import java.util.List;

/** Analyses of real captures for the tests: several inputs at once, as {@code vigil analyze} reads them. */
public final class Analyses {

    private Analyses() {
    }

    public static AnalysisResult of(AnalysisConfig config, Path... inputs) throws InputException {
        Analyzer a = new Analyzer(config);
        for (Path p : inputs) {
            read(a, p.toString());
        }
        return a.finish();
    }

    /** Reads one input into an analysis, as {@code vigil analyze} does: a capture or a conn.log. */
    public static void read(Analyzer a, String input) throws InputException {
        Inputs.read(input, CaptureLimits.DEFAULT, a.anomalies(), (n, src) -> a.add(n, src, Progress.NONE),
                (n, src) -> a.add(n, src, Progress.NONE));
    }

    public static AnalysisResult of(Path... inputs) throws InputException {
        return of(AnalysisConfig.defaults(), inputs);
    }

    /** The device with this MAC. */
    public static Device byMac(AnalysisResult r, String mac) {
        return r.devices().stream().filter(d -> mac.equals(d.mac())).findFirst()
                .orElseThrow(() -> new AssertionError("no device " + mac + " in " + r.devices().stream().map(Device::id).toList()));
    }

    /** The findings of one device. */
    public static List<Finding> findingsOf(AnalysisResult r, Device d) {
        return r.findings().stream().filter(f -> f.device().id().equals(d.id())).toList();
    }
}
