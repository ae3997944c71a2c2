package dev.vigil.enforce;

import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.analysis.Analyzer;
import dev.vigil.detect.analysis.Progress;
import dev.vigil.detect.segmentation.Observations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Vigil's passive view in the lab: tcpdump on an interface of a namespace, read by the engine. */
final class Wire implements AutoCloseable {

    final Path file;
    private final Process tcpdump;

    Wire(NetLab lab, String ns, String iface, Path file) throws Exception {
        this.file = file;
        this.tcpdump = lab.start(ns, null, "tcpdump", "--immediate-mode", "-i", iface, "-U", "-n", "-s", "256", "-w", file.toString());
        // tcpdump has the capture open once the file exists with its header
        for (int i = 0; i < 100 && (!Files.exists(file) || Files.size(file) < 24); i++) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
    }

    /** Stops the capture (tcpdump flushes on SIGTERM) and analyses what it holds. */
    Result stop() throws Exception {
        close();
        Observations obs = new Observations();
        Analyzer a = new Analyzer(AnalysisConfig.defaults().withEventLog(obs));
        a.addInput(file.toString(), Progress.NONE);
        AnalysisResult r = a.finish();
        obs.devices(r.devices());
        return new Result(r, obs);
    }

    record Result(AnalysisResult analysis, Observations observations) {
    }

    @Override
    public void close() throws Exception {
        if (tcpdump.isAlive()) {
            tcpdump.destroy();
            tcpdump.waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Epoch milliseconds of the lines "tcpdump -tt" printed for packets from {@code src}. */
    static List<Long> times(Path textLog) throws Exception {
        List<Long> out = new ArrayList<>();
        if (!Files.exists(textLog)) {
            return out;
        }
        for (String l : Files.readAllLines(textLog)) {
            String[] t = l.split(" ", 2);
            try {
                out.add(Math.round(Double.parseDouble(t[0]) * 1000));
            } catch (NumberFormatException e) {
                // tcpdump's own messages
            }
        }
        return out;
    }
}
