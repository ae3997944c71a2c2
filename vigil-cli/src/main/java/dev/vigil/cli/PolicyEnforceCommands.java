package dev.vigil.cli;

import dev.vigil.detect.segmentation.CompiledPolicy;
import dev.vigil.detect.segmentation.Membership;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyCompiler;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.Quarantine;
import dev.vigil.detect.segmentation.QuarantineLedger;
import dev.vigil.detect.segmentation.Subject;
import dev.vigil.enforce.Applied;
import dev.vigil.enforce.Containment;
import dev.vigil.enforce.EnforcementException;
import dev.vigil.enforce.EnforcementScope;
import dev.vigil.enforce.KernelCounters;
import dev.vigil.enforce.nftables.NftRenderer;
import dev.vigil.enforce.nftables.NftablesTarget;
import dev.vigil.engine.net.Ip;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil policy compile|apply|counters|quarantine|release}: the policy on an nftables gateway. */
final class PolicyEnforceCommands {

    private PolicyEnforceCommands() {
    }

    static long now() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    /** Where the enforcement point is and what it may touch. */
    static final class Where {
        @Option(names = "--netns", required = true, paramLabel = "NAME",
                description = "The network namespace of the gateway (ip netns), or host for the host's own.")
        String netns;

        @Option(names = "--scope", required = true, split = ",", paramLabel = "NAME",
                description = "The namespaces Vigil may change: the allow-list --netns must be on.")
        List<String> scope;

        @Option(names = "--interfaces", split = ",", paramLabel = "IF",
                description = "Filter only traffic entering or leaving these interfaces (default: all).")
        List<String> interfaces = new ArrayList<>();

        @Option(names = "--scratch", paramLabel = "DIR", description = "Where nft scripts are written (default: the temp dir).")
        Path scratch;

        @Option(names = "--ledger", paramLabel = "FILE", defaultValue = "vigil-quarantine.json",
                description = "The quarantine ledger: who is held and why (default: ${DEFAULT-VALUE}).")
        Path ledger;

        NftablesTarget target() {
            return new NftablesTarget(netns.equals(EnforcementScope.HOST) ? null : netns,
                    new EnforcementScope(scope, interfaces), scratch != null ? scratch
                    : Path.of(System.getProperty("java.io.tmpdir")));
        }
    }

    /** The policy and the devices it is compiled for. */
    static final class What {
        @Parameters(index = "0", paramLabel = "POLICY", description = "A policy file, a learned directory or a MUD file.")
        Path policy;

        @Parameters(index = "1..*", arity = "0..*", paramLabel = "INPUT",
                description = "Captures or conn.logs: the devices and DNS answers to compile for.")
        List<String> inputs = new ArrayList<>();

        @Option(names = "--inventory", paramLabel = "FILE", description = "inventory.json of vigil analyze, for the devices.")
        Path inventory;

        @Option(names = "--membership", paramLabel = "FILE", description = "Zone membership state kept between runs.")
        Path membership;

        CompiledPolicy compile(PrintWriter err, String cmd, List<Quarantine> held) throws PolicyInputs.Bad, IOException {
            PolicyInputs.Estate e = PolicyInputs.estate(inventory, inputs);
            Policy p = PolicyInputs.policy(policy, e.devices());
            Membership m = PolicyInputs.membership(membership, p);
            PolicyContext ctx = PolicyInputs.context(p, e, m).withQuarantines(held);
            PolicyInputs.pending(err, m, p, cmd);
            PolicyInputs.saveMembership(membership, m);
            return PolicyCompiler.compile(p, ctx, now());
        }
    }

    @Command(name = "compile", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Compile a policy for an enforcement point and print it (nftables: the inet vigil table).",
                "",
                "The output is the transaction apply runs: it creates the table inet vigil if needed and replaces it",
                "whole. Nothing is changed."},
            exitCodeListHeading = Main.EXIT_HEADING,
            exitCodeList = {Main.EXIT_DONE, Main.EXIT_USAGE, Main.EXIT_INTERNAL})
    static final class Compile implements Callable<Integer> {
        @CommandLine.Mixin
        What what = new What();

        @Option(names = "--target", defaultValue = "nftables", paramLabel = "TARGET",
                description = "The enforcement point (default and only one so far: ${DEFAULT-VALUE}).")
        String target;

        @Option(names = "--interfaces", split = ",", paramLabel = "IF", description = "Interfaces in scope (default: all).")
        List<String> interfaces = new ArrayList<>();

        @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the ruleset here instead of printing it.")
        Path out;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            if (!target.equals("nftables")) {
                return PolicyCommand.usage(err, "compile", "--target must be nftables, not '" + target + "'");
            }
            try {
                new EnforcementScope(List.of(), interfaces);
                CompiledPolicy cp = what.compile(err, "compile", List.of());
                NftRenderer.Rendered r = NftRenderer.render(cp, interfaces, now());
                if (out != null) {
                    Files.writeString(out, r.replaceScript());
                } else {
                    spec.commandLine().getOut().print(r.replaceScript());
                }
                err.printf("vigil policy compile: %s revision %s, %d elements, content %s%n", cp.policy(), cp.revision(),
                        r.elements(), r.content());
                return Main.OK;
            } catch (PolicyInputs.Bad b) {
                err.println("vigil policy compile: " + b.getMessage());
                return Main.USAGE;
            } catch (IllegalArgumentException e) {
                return PolicyCommand.usage(err, "compile", e.getMessage());
            }
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Apply a policy to an nftables gateway: validated, replaced in one transaction, read back.",
                "",
                "Runs nft -c first; the table inet vigil is then replaced whole in one nft -f transaction (another",
                "table is never touched) and its content read back. The same content twice changes nothing. Refuses",
                "a namespace outside --scope. Quarantines in the ledger stay in force."},
            exitCodeListHeading = Main.EXIT_HEADING,
            exitCodeList = {Main.EXIT_DONE, Main.EXIT_USAGE, Main.EXIT_INTERNAL, PolicyCommand.EXIT_REFUSED})
    static final class Apply implements Callable<Integer> {
        @CommandLine.Mixin
        What what = new What();

        @CommandLine.Mixin
        Where where = new Where();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            return guarded(err, "apply", () -> {
                NftablesTarget t = where.target();
                QuarantineLedger ledger = Ledger.read(where.ledger);
                CompiledPolicy cp = what.compile(err, "apply", ledger.active(now()));
                Applied a = t.apply(cp, now());
                spec.commandLine().getOut().printf("%s: %s, policy %s revision %s, %d elements, content %s, %d ms%n",
                        t.describe(), a.status(), cp.policy(), a.revision(), a.elements(), a.content(), a.nanos() / 1_000_000);
                return Main.OK;
            });
        }
    }

    @Command(name = "counters", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Print what the enforcement point's counters say, per element and default (nft -j).",
                "",
                "Keys are those of the compiled policy (GROUP#pN, GROUP#t:RULE, GROUP#default, quarantine#…); the",
                "element comments in the ruleset name the rule each belongs to."},
            exitCodeListHeading = Main.EXIT_HEADING,
            exitCodeList = {Main.EXIT_DONE, Main.EXIT_USAGE, Main.EXIT_INTERNAL, PolicyCommand.EXIT_REFUSED})
    static final class Counters implements Callable<Integer> {
        @CommandLine.Mixin
        Where where = new Where();

        @Option(names = "--all", description = "Also list counters that are still zero.")
        boolean all;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            return guarded(err, "counters", () -> {
                NftablesTarget t = where.target();
                new EnforcementScope(where.scope, where.interfaces).check(where.netns.equals("host") ? null : where.netns);
                KernelCounters k = t.counters();
                PrintWriter o = spec.commandLine().getOut();
                if (k.revision() == null) {
                    o.println(t.describe() + ": no Vigil ruleset in force");
                    return Main.OK;
                }
                o.printf("%s: revision %s, content %s%n", t.describe(), k.revision(), k.content());
                Map<String, KernelCounters.Counter> sorted = new TreeMap<>(k.byKey());
                sorted.forEach((key, c) -> {
                    if (all || c.packets() > 0) {
                        o.printf("  %-32s %12d packets %14d bytes%n", key, c.packets(), c.bytes());
                    }
                });
                return Main.OK;
            });
        }
    }

    @Command(name = "quarantine", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Quarantine a device on the gateway: only DHCP, DNS to the resolver and the notice page.",
                "",
                "The ledger records the reason, who asked and the expiry; a repeat offender is held longer (10 min,",
                "1 h, 1 day, 7 days). Needs a policy applied first (its quarantine profile names the resolver)."},
            exitCodeListHeading = Main.EXIT_HEADING,
            exitCodeList = {Main.EXIT_DONE, Main.EXIT_USAGE, Main.EXIT_INTERNAL, PolicyCommand.EXIT_REFUSED})
    static final class Hold implements Callable<Integer> {
        @CommandLine.Mixin
        Where where = new Where();

        @Option(names = "--device", required = true, paramLabel = "ID", description = "The device: its inventory id, or an address.")
        String device;

        @Option(names = "--address", split = ",", paramLabel = "IP", description = "Its addresses (default: the --device address).")
        List<String> addresses = new ArrayList<>();

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (the findings, or your words).")
        String reason;

        @Option(names = "--by", paramLabel = "WHO", defaultValue = "${sys:user.name}", description = "Who asked (default: you).")
        String by;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            List<Ip> ips = new ArrayList<>();
            for (String a : addresses.isEmpty() ? List.of(device) : addresses) {
                Ip ip = Ip.tryParse(a);
                if (ip == null) {
                    return PolicyCommand.usage(err, "quarantine", "'" + a + "' is not an address (give --address IP)");
                }
                ips.add(ip);
            }
            return guarded(err, "quarantine", () -> {
                QuarantineLedger ledger = Ledger.read(where.ledger);
                Containment c = new Containment(where.target(), ledger);
                Subject s = new Subject(device, null, ips, null, null, null, List.of(), null, null, List.of(), null, null);
                Containment.Order o = c.quarantine(s, reason, by, now());
                Ledger.write(where.ledger, ledger);
                spec.commandLine().getOut().printf("%s quarantined until %s (offence %d, %s): %s; in force in %d ms%n", device,
                        dev.vigil.engine.event.EventJson.time(o.quarantine().until()), o.quarantine().offence(), o.quarantine().by(),
                        o.quarantine().reason(), o.applied().nanos() / 1_000_000);
                return Main.OK;
            });
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Release a device from quarantine before its expiry.", "",
                "The ledger records who released it and why."},
            exitCodeListHeading = Main.EXIT_HEADING,
            exitCodeList = {Main.EXIT_DONE, Main.EXIT_USAGE, Main.EXIT_INTERNAL, PolicyCommand.EXIT_REFUSED})
    static final class Let implements Callable<Integer> {
        @CommandLine.Mixin
        Where where = new Where();

        @Option(names = "--device", required = true, paramLabel = "ID", description = "The device, as it was quarantined.")
        String device;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why it may go.")
        String reason;

        @Option(names = "--by", paramLabel = "WHO", defaultValue = "${sys:user.name}", description = "Who releases it (default: you).")
        String by;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            return guarded(err, "release", () -> {
                QuarantineLedger ledger = Ledger.read(where.ledger);
                Applied a = new Containment(where.target(), ledger).release(device, reason, by, now());
                if (a == null) {
                    return PolicyCommand.usage(err, "release", device + " is not in quarantine (ledger " + where.ledger + ")");
                }
                Ledger.write(where.ledger, ledger);
                spec.commandLine().getOut().printf("%s released by %s: %s%n", device, by, reason);
                return Main.OK;
            });
        }
    }

    /** One command's work; what it may fail with becomes its one line and exit code in {@link #guarded}. */
    interface Step {
        int run() throws PolicyInputs.Bad, EnforcementException, IOException;
    }

    /** Runs a step: bad input is exit 2, a refusal or failure of the enforcement point exit 4, each one line. */
    static int guarded(PrintWriter err, String cmd, Step step) throws IOException {
        try {
            return step.run();
        } catch (PolicyInputs.Bad b) {
            err.println("vigil policy " + cmd + ": " + b.getMessage());
            return Main.USAGE;
        } catch (IllegalArgumentException e) {
            return PolicyCommand.usage(err, cmd, e.getMessage());
        } catch (EnforcementException e) {
            err.println("vigil policy " + cmd + ": " + e.getMessage());
            return PolicyCommand.REFUSED;
        }
    }
}
