package dev.vigil.cli;

import dev.vigil.detect.report.ReportWriter;
import dev.vigil.detect.segmentation.Decider;
import dev.vigil.detect.segmentation.Decision;
import dev.vigil.detect.segmentation.Membership;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.Service;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.net.Ip;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil policy}: segmentation from learned least privilege to an enforcement point that provably works. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Learn, simulate, compile and enforce segmentation policy (see docs/policy.md).",
            "",
            "learn writes RFC 8520 MUD files and a policy from observed traffic; simulate replays traffic through",
            "a policy; compile and apply put it on an nftables gateway; quarantine and release hold a device;",
            "counters reads back what the kernel counted; decide explains one flow; mud-check verifies the MUD",
            "files devices announce."},
        subcommands = {PolicyLearnCommand.class, PolicySimulateCommand.class, PolicyCommand.Decide.class,
            PolicyEnforceCommands.Compile.class, PolicyEnforceCommands.Apply.class, PolicyEnforceCommands.Counters.class,
            PolicyEnforceCommands.Hold.class, PolicyEnforceCommands.Let.class, PolicyMudCommand.class},
        exitCodeListHeading = Main.EXIT_HEADING,
        exitCodeList = {Main.EXIT_DONE, Main.EXIT_USAGE, Main.EXIT_INTERNAL})
final class PolicyCommand implements Runnable {

    /** An enforcement point refused or failed; nothing changed. */
    static final int REFUSED = 4;
    static final String EXIT_REFUSED = "4:the enforcement point refused or failed; the previous ruleset stays in force";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static int usage(PrintWriter err, String command, String message) {
        return Main.usage(err, "policy " + command, message);
    }

    /** {@code vigil policy decide}: what the policy says of one flow, and why. */
    @Command(name = "decide", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Decide one flow: allow or deny, the rule that decided, the trace and the policy revision.",
                "",
                "The devices come from INPUT (captures or conn.logs) or --inventory; DNS names are judged by the",
                "answers the inputs hold."},
            exitCodeListHeading = Main.EXIT_HEADING,
            exitCodeList = {"0:the policy allows the flow", "1:the policy denies the flow", Main.EXIT_USAGE,
                Main.EXIT_INTERNAL})
    static final class Decide implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "POLICY", description = "A policy file, a learned directory or a MUD file.")
        Path policy;

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "INPUT", description = "Captures or conn.logs.")
        List<String> inputs = new ArrayList<>();

        @Option(names = "--inventory", paramLabel = "FILE", description = "inventory.json of vigil analyze, instead of INPUT.")
        Path inventory;

        @Option(names = "--src", required = true, paramLabel = "ADDRESS", description = "Who starts the flow.")
        String src;

        @Option(names = "--dst", required = true, paramLabel = "ADDRESS", description = "Where it goes.")
        String dst;

        @Option(names = "--proto", defaultValue = "tcp", paramLabel = "PROTO",
                description = "tcp, udp, icmp, icmpv6 or a number (default: ${DEFAULT-VALUE}).")
        String proto;

        @Option(names = "--port", defaultValue = "0", paramLabel = "PORT", description = "Destination port.")
        int port;

        @Option(names = "--at", paramLabel = "TIME", description = "When (ISO-8601; default: the end of the inputs, or now).")
        String at;

        @Option(names = "--membership", paramLabel = "FILE", description = "Zone membership state kept between runs.")
        Path membership;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            PrintWriter out = spec.commandLine().getOut();
            Ip s = Ip.tryParse(src);
            Ip d = Ip.tryParse(dst);
            if (s == null || d == null) {
                return usage(err, "decide", "--src and --dst must be IP addresses, not '" + (s == null ? src : dst) + "'");
            }
            int p;
            try {
                p = Service.parse(proto).get(0).protoLo();
            } catch (IllegalArgumentException e) {
                return usage(err, "decide", "--proto: " + e.getMessage());
            }
            try {
                PolicyInputs.Estate e = PolicyInputs.estate(inventory, inputs);
                Policy pol = PolicyInputs.policy(policy, e.devices());
                Membership m = PolicyInputs.membership(membership, pol);
                PolicyContext ctx = PolicyInputs.context(pol, e, m);
                long when = at != null ? EventJson.nanos(java.time.Instant.parse(at).toString())
                        : e.observations().flows().isEmpty() ? System.currentTimeMillis() * 1_000_000L
                        : e.observations().flows().get(e.observations().flows().size() - 1).ts();
                Decision dec = new Decider(pol, ctx).decide(s, null, d, p, port, when, true);
                out.println(ReportWriter.pretty(dec));
                PolicyInputs.saveMembership(membership, m);
                return dec.allowed() ? Main.OK : Main.FINDINGS;
            } catch (PolicyInputs.Bad b) {
                err.println("vigil policy decide: " + b.getMessage());
                return Main.USAGE;
            } catch (java.time.format.DateTimeParseException x) {
                return usage(err, "decide", "--at: '" + at + "' is not an ISO-8601 time (2024-05-01T10:00:00Z)");
            }
        }
    }
}
