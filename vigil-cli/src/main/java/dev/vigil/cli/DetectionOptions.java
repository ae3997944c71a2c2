package dev.vigil.cli;

import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.behavior.DetectionConfig;
import dev.vigil.detect.intel.Indicators;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The detection options {@code analyze} and {@code serve} share: thresholds and indicator lists. */
final class DetectionOptions {

    @Option(names = "--detection", paramLabel = "FILE",
            description = {"Detection thresholds overriding the defaults",
                "(same format as detection.properties; see docs/detection.md)."})
    Path detection;

    @Option(names = "--indicators", paramLabel = "FILE",
            description = "Known-bad addresses, blocks and domains, one a line (repeatable).")
    List<Path> indicators = new ArrayList<>();

    /**
     * The configuration with these thresholds and indicators.
     *
     * @throws IOException when a file cannot be read (NoSuchFileException when it is missing)
     * @throws IllegalArgumentException when a file says something wrong (unknown key, bad value)
     */
    AnalysisConfig apply(AnalysisConfig config) throws IOException {
        DetectionConfig dc = detection == null ? DetectionConfig.defaults() : DetectionConfig.load(detection);
        Indicators ind = Indicators.empty();
        for (Path f : indicators) {
            ind.load(f);
        }
        return config.withDetection(dc, ind);
    }
}
