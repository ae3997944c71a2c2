package dev.vigil.detect.segmentation.mud;

import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.analysis.Analyzer;
import dev.vigil.detect.analysis.Progress;
import dev.vigil.detect.segmentation.Observations;
import java.nio.file.Path;
import java.util.List;

/** Runs the engine and the inventory over captures and keeps what policy work needs. */
final class Observe {

    private Observe() {
    }

    /** One analysis over the inputs, in order. */
    static Observations captures(List<Path> inputs) throws Exception {
        Observations obs = new Observations();
        Analyzer a = new Analyzer(AnalysisConfig.defaults().withDetect(false).withEventLog(obs));
        for (Path p : inputs) {
            a.addInput(p.toString(), Progress.NONE);
        }
        AnalysisResult r = a.finish();
        obs.devices(r.devices());
        return obs;
    }
}
