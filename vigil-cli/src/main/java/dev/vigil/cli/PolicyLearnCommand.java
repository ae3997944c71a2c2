package dev.vigil.cli;

import dev.vigil.detect.segmentation.Observations;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.mud.LearnedPolicy;
import dev.vigil.detect.segmentation.mud.MudEvaluation;
import dev.vigil.detect.segmentation.mud.MudFile;
import dev.vigil.detect.segmentation.mud.MudJson;
import dev.vigil.detect.segmentation.mud.MudLearner;
import dev.vigil.report.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code vigil policy learn}: least privilege learned from traffic, as MUD files and a policy to review. */
@Command(name = "learn", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Learn least-privilege policy from traffic: an RFC 8520 MUD file per device and per model.",
            "",
            "Writes DIR/devices/MAC.json and DIR/models/MODEL.json (each entry with its evidence: first and last",
            "seen, flows, share of the model's devices), DIR/policy.vigil (the same as a policy to review, simulate",
            "and apply) and DIR/learn.json. With --holdout it also learns on the earlier part of each device's",
            "time and says what share of the later part that policy would have denied."},
        exitCodeListHeading = Main.EXIT_HEADING,
        exitCodeList = {Main.EXIT_DONE, Main.EXIT_USAGE, Main.EXIT_INTERNAL})
final class PolicyLearnCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Captures or conn.logs to learn from, in order.")
    List<String> inputs;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Where to write the files.")
    Path out;

    @Option(names = "--holdout", paramLabel = "SHARE",
            description = "Also report what a policy learned without the last SHARE (0-0.9) of each device's time would deny.")
    Double holdout;

    @Option(names = "--model-share", paramLabel = "SHARE", defaultValue = "0.5",
            description = "Least share of a model's devices an entry needs to enter the model's file (default: ${DEFAULT-VALUE}).")
    double modelShare;

    @Option(names = "--mud-url-base", paramLabel = "URL", defaultValue = "https://vigil.invalid/mud/",
            description = "Where the learned files will be published, for their mud-url (default: ${DEFAULT-VALUE}).")
    String base;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (holdout != null && !(holdout > 0 && holdout < 0.9 + 1e-9)) {
            return PolicyCommand.usage(err, "learn", "--holdout must be between 0 and 0.9, not " + holdout);
        }
        if (!(modelShare > 0 && modelShare <= 1)) {
            return PolicyCommand.usage(err, "learn", "--model-share must be above 0 and at most 1, not " + modelShare);
        }
        if (!base.startsWith("https://")) {
            return PolicyCommand.usage(err, "learn", "--mud-url-base must be an https URL (RFC 8520), not '" + base + "'");
        }
        Observations obs;
        try {
            obs = PolicyInputs.estate(null, inputs).observations();
        } catch (PolicyInputs.Bad b) {
            err.println("vigil policy learn: " + b.getMessage());
            return Main.USAGE;
        }
        MudLearner.Options options = new MudLearner.Options(Policy.DEFAULT_LOCAL, base, modelShare);
        MudLearner.Learned l = new MudLearner(options).learn(obs);
        if (l.devices().isEmpty()) {
            err.println("vigil policy learn: the inputs hold no flow of any device: nothing to learn");
            return Main.USAGE;
        }
        try {
            Files.createDirectories(out.resolve("devices"));
            Files.createDirectories(out.resolve("models"));
            for (Map.Entry<String, MudFile> e : l.devices().entrySet()) {
                Files.writeString(out.resolve("devices").resolve(LearnedPolicy.fileName(e.getKey())), MudJson.write(e.getValue()));
            }
            for (Map.Entry<String, MudFile> e : l.models().entrySet()) {
                Files.writeString(out.resolve("models").resolve(e.getKey() + ".json"), MudJson.write(e.getValue()));
            }
            LearnedPolicy.Result learned = LearnedPolicy.of(l, "learned", List.of("Learned by vigil policy learn from "
                    + String.join(", ", inputs) + ".",
                    "One zone per device, each allowed what it was seen doing, and nothing else. Review, simulate",
                    "(vigil policy simulate), then apply (vigil policy apply). See docs/policy.md."));
            Policy p = learned.policy();
            Map<String, String> files = learned.files();
            Files.writeString(out.resolve("policy.vigil"), learned.text());
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("inputs", inputs);
            summary.put("flows", obs.flows().size());
            summary.put("devices", files);
            summary.put("models", l.modelDevices());
            summary.put("dns_servers", l.dnsServers().stream().map(Object::toString).toList());
            summary.put("ntp_servers", l.ntpServers().stream().map(Object::toString).toList());
            summary.put("policy", Map.of("file", "policy.vigil", "revision", p.revision(), "rules", p.rules().size()));
            stdout.printf("learned %d device%s from %d flows: %d device files, %d model files in %s%n", l.devices().size(),
                    l.devices().size() == 1 ? "" : "s", obs.flows().size(), l.devices().size(), l.models().size(), out);
            stdout.printf("policy %s (revision %s): %d zones, %d rules%n", out.resolve("policy.vigil"), p.revision(),
                    p.zones().size(), p.rules().size());
            if (holdout != null) {
                MudEvaluation.Report r = MudEvaluation.evaluate(obs, options, holdout);
                summary.put("evaluation", r);
                stdout.printf("learning window replayed: %d flows, %d denied%n", r.learning().flows(), r.learning().denied());
                stdout.printf("model files cover %.1f %% of their devices' %d flows%n", 100 * r.modelsTotal().allowedShare(),
                        r.modelsTotal().flows());
                stdout.printf("held out the last %.0f %% of each device's time: %d flows, %d would be denied (%.1f %%)%n",
                        100 * holdout, r.heldOut().flows(), r.heldOut().denied(), 100 * r.heldOut().deniedShare());
            }
            Files.writeString(out.resolve("learn.json"), ReportWriter.pretty(summary) + "\n");
            stdout.println("next: vigil policy simulate " + out + " INPUT…");
        } catch (IOException e) {
            err.println("vigil policy learn: cannot write " + out + ": " + e.getMessage());
            return Main.USAGE;
        }
        return Main.OK;
    }
}
