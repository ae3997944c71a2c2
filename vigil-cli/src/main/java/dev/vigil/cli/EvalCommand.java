package dev.vigil.cli;

import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.behavior.DetectionConfig;
import dev.vigil.eval.Evaluation;
import dev.vigil.report.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code vigil eval}: detection scored against labelled data. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score detection against labelled data.",
            "",
            "Per-flow precision and recall on labelled flow logs, per-host detection with the right finding type,",
            "false alarms per device-week on benign captures.",
            "",
            "The datasets are listed in a manifest (the bundled one covers the project's shared data set);",
            "each is analysed as `vigil analyze` would, with every detector on."},
        exitCodeListHeading = Main.EXIT_HEADING,
        exitCodeList = {"0:done (and every target met, with --check)", "1:a target missed (with --check)",
            "2:bad usage, no data", "3:internal error"})
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "DIR",
            description = "The data directory the manifest's paths are relative to (default: $VIGIL_DATA, else ../shared/data).")
    Path data;

    @Option(names = "--manifest", paramLabel = "FILE", description = "Datasets to score instead of the bundled list.")
    Path manifest;

    @Option(names = "--detection", paramLabel = "FILE", description = "Detection thresholds overriding the defaults.")
    Path detection;

    @Option(names = "--only", split = ",", paramLabel = "NAME", description = "Score only these datasets.")
    List<String> only = new ArrayList<>();

    @Option(names = "--format", paramLabel = "text|json|markdown", defaultValue = "text",
            description = "Output: a table (text), JSON, or the markdown table of docs/detection.md.")
    String format;

    @Option(names = "--check", description = "Exit 1 unless every dataset present meets its target.")
    boolean check;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!List.of("text", "json", "markdown").contains(format)) {
            return Main.usage(err, "eval", "--format must be text, json or markdown");
        }
        Path dir = data;
        if (dir == null) {
            String env = System.getenv("VIGIL_DATA");
            dir = env != null && !env.isBlank() ? Path.of(env) : Path.of("..", "shared", "data");
        }
        if (!Files.isDirectory(dir)) {
            return Main.usage(err, "eval", "no data directory " + dir + " (give --data DIR)");
        }
        List<Evaluation.Dataset> datasets;
        AnalysisConfig config;
        try {
            datasets = manifest == null ? Evaluation.bundled() : Evaluation.load(manifest);
            config = AnalysisConfig.defaults().withDetection(
                    detection == null ? DetectionConfig.defaults() : DetectionConfig.load(detection),
                    dev.vigil.detect.intel.Indicators.empty());
        } catch (java.nio.file.NoSuchFileException e) {
            return Main.usage(err, "eval", e.getFile() + ": no such file");
        } catch (IllegalArgumentException e) {
            return Main.usage(err, "eval", e.getMessage());
        }
        List<Evaluation.Result> results = new ArrayList<>();
        for (Evaluation.Dataset d : datasets) {
            if (!only.isEmpty() && !only.contains(d.name())) {
                continue;
            }
            Evaluation.Result r = Evaluation.run(d, dir, config);
            results.add(r);
            if (format.equals("text")) {
                out.printf("%-30s %-6s %-4s %s%n", r.name(), r.kind(), r.status().equals("ok") ? (r.met() ? "ok" : "MISS")
                        : r.status(), Evaluation.describe(r));
                out.flush();
            }
        }
        long present = results.stream().filter(r -> r.status().equals("ok")).count();
        long met = results.stream().filter(Evaluation.Result::met).count();
        switch (format) {
            case "json" -> out.println(ReportWriter.pretty(results));
            case "markdown" -> out.print(Evaluation.markdown(results));
            default -> out.printf("%d of %d datasets present meet their target (%d missing)%n", met, present,
                    results.size() - present);
        }
        out.flush();
        return check && met < present ? Main.FINDINGS : Main.OK;
    }
}
