package dev.vigil.cli;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.report.ReportWriter;
import dev.vigil.detect.segmentation.Membership;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.Simulation;
import dev.vigil.detect.segmentation.Simulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil policy simulate}: what a policy would have done with the traffic, before anyone enforces it. */
@Command(name = "simulate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Simulate a policy on traffic: per rule and per device what it would allow and deny.",
            "",
            "Each denied flow of a device is evidence of a policy.violation finding that names the missing entry;",
            "entries no flow used in the last --unused-days are proposed for removal. With --out DIR it writes",
            "DIR/simulation.json and DIR/findings.jsonl."},
        exitCodeListHeading = Main.EXIT_HEADING,
        exitCodeList = {Main.EXIT_DONE, "1:with --fail-on-violation, the policy would deny some flow", Main.EXIT_USAGE,
            Main.EXIT_INTERNAL})
final class PolicySimulateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "POLICY", description = "A policy file, a learned directory or a MUD file.")
    Path policy;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "INPUT", description = "Captures or conn.logs to replay.")
    List<String> inputs;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Also write simulation.json and findings.jsonl here.")
    Path out;

    @Option(names = "--unused-days", paramLabel = "N", defaultValue = "30",
            description = "Propose for removal entries no flow used in the last N days (default: ${DEFAULT-VALUE}).")
    long unusedDays;

    @Option(names = "--membership", paramLabel = "FILE", description = "Zone membership state kept between runs.")
    Path membership;

    @Option(names = "--fail-on-violation", description = "Exit with 1 when the policy would deny any flow.")
    boolean failOnViolation;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "What to print: a readable summary (text) or simulation.json (json). Default: ${DEFAULT-VALUE}.")
    String format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (!format.equals("text") && !format.equals("json")) {
            return PolicyCommand.usage(err, "simulate", "--format must be text or json, not '" + format + "'");
        }
        if (unusedDays < 0) {
            return PolicyCommand.usage(err, "simulate", "--unused-days must be 0 or more, not " + unusedDays);
        }
        Simulation s;
        try {
            PolicyInputs.Estate e = PolicyInputs.estate(null, inputs);
            Policy p = PolicyInputs.policy(policy, e.devices());
            Membership m = PolicyInputs.membership(membership, p);
            PolicyContext ctx = PolicyInputs.context(p, e, m);
            s = new Simulator(p, ctx).run(e.observations().flows(), unusedDays, 0);
            PolicyInputs.pending(err, m, p, "simulate");
            PolicyInputs.saveMembership(membership, m);
        } catch (PolicyInputs.Bad b) {
            err.println("vigil policy simulate: " + b.getMessage());
            return Main.USAGE;
        }
        if (out != null) {
            try {
                Files.createDirectories(out);
                Files.writeString(out.resolve("simulation.json"), ReportWriter.pretty(s) + "\n");
                StringBuilder lines = new StringBuilder();
                for (Finding f : s.violations()) {
                    lines.append(ReportWriter.JSON.writeValueAsString(f)).append('\n');
                }
                Files.writeString(out.resolve("findings.jsonl"), lines.toString());
            } catch (IOException e) {
                err.println("vigil policy simulate: cannot write " + out + ": " + e.getMessage());
                return Main.USAGE;
            }
        }
        if (format.equals("json")) {
            stdout.println(ReportWriter.pretty(s));
        } else {
            print(stdout, s);
        }
        return failOnViolation && s.denied() > 0 ? Main.FINDINGS : Main.OK;
    }

    static void print(PrintWriter o, Simulation s) {
        o.printf("policy %s (revision %s): %d flows, %d allowed, %d denied (%.1f %%)%n", s.policy(), s.revision(), s.flows(),
                s.allowed(), s.denied(), 100 * s.deniedShare());
        o.printf("%n%-44s %9s %9s %8s  %s%n", "rule", "allowed", "denied", "devices", "last used");
        for (Simulation.RuleStats r : s.rules()) {
            o.printf("%-44s %9d %9d %8d  %s%n", cut(r.name(), 44), r.allowed(), r.denied(), r.devices().size(),
                    r.lastSeen() == null ? "never" : r.lastSeen());
        }
        List<Simulation.DeviceStats> denied = s.devices().stream().filter(d -> d.denied() > 0).toList();
        if (!denied.isEmpty()) {
            o.printf("%ndevices with denied flows:%n");
            for (Simulation.DeviceStats d : denied) {
                o.printf("  %s: %d denied of %d%n", d.device(), d.denied(), d.denied() + d.allowed());
                for (Simulation.Sample x : d.deniedSamples()) {
                    o.printf("    %s %s -> %s %s (%s)%n", x.time(), x.src(), x.dst(), x.service(), x.reason());
                }
            }
        }
        if (!s.violations().isEmpty()) {
            o.printf("%n%d policy.violation finding%s; the entries that would allow them:%n", s.violations().size(),
                    s.violations().size() == 1 ? "" : "s");
            s.violations().stream().limit(20).forEach(f -> o.printf("  %s (%d flows)%n", f.evidence().get("missing_entry"),
                    f.count()));
        }
        if (!s.removals().isEmpty()) {
            o.printf("%nproposed for removal:%n");
            s.removals().forEach(r -> o.printf("  %s: %s%s%n", r.rule(), r.why(), r.lastUsed() == null ? ""
                    : " (last " + r.lastUsed() + ")"));
        }
    }

    static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
