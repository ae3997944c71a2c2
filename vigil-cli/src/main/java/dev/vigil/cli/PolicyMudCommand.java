package dev.vigil.cli;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.segmentation.Membership;
import dev.vigil.detect.segmentation.MembershipRule;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.Subject;
import dev.vigil.detect.segmentation.Subjects;
import dev.vigil.detect.segmentation.Target;
import dev.vigil.detect.segmentation.mud.MudDeviation;
import dev.vigil.detect.trust.Assets;
import dev.vigil.enforce.mud.MudCheck;
import dev.vigil.enforce.mud.MudFetcher;
import dev.vigil.enforce.mud.MudSignatures;
import dev.vigil.report.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code vigil policy mud-check}: the MUD files devices announce, fetched, verified and compared with what they do. */
@Command(name = "mud-check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check the MUD files devices announce (DHCP option 161, DHCPv6 option 112, LLDP).",
            "",
            "Each URL is fetched over HTTPS and cached for its cache-validity; its CMS signature must verify",
            "against --trust-anchors (this cannot be turned off). A verified file is compared with the device's",
            "traffic: flows outside it are a mud.deviation finding. With --out DIR it writes DIR/mud-check.json",
            "and DIR/findings.jsonl."},
        exitCodeListHeading = Main.EXIT_HEADING,
        exitCodeList = {Main.EXIT_DONE, "1:a device behaves outside its verified MUD file", Main.EXIT_USAGE,
            Main.EXIT_INTERNAL})
final class PolicyMudCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Captures or conn.logs.")
    List<String> inputs;

    @Option(names = "--trust-anchors", required = true, paramLabel = "PEM",
            description = "The certificates MUD signers must chain to (PEM or DER, one or more).")
    Path anchors;

    @Option(names = "--tls-ca", paramLabel = "PEM", description = "Trust these CAs for HTTPS instead of the system's.")
    Path tlsCa;

    @Option(names = "--cache", paramLabel = "DIR", defaultValue = "${sys:user.home}/.cache/vigil/mud",
            description = "Where fetched files are kept for their cache-validity (default: ${DEFAULT-VALUE}).")
    Path cache;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Also write mud-check.json and findings.jsonl here.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter o = spec.commandLine().getOut();
        MudFetcher fetcher;
        try {
            List<X509Certificate> roots = MudSignatures.certificates(Files.readAllBytes(anchors));
            if (roots.isEmpty()) {
                return PolicyCommand.usage(err, "mud-check", anchors + ": no certificate in it");
            }
            fetcher = new MudFetcher(new MudSignatures(roots), cache, tls(), () -> System.currentTimeMillis() * 1_000_000L);
        } catch (java.nio.file.NoSuchFileException e) {
            return PolicyCommand.usage(err, "mud-check", e.getFile() + ": no such file");
        } catch (GeneralSecurityException | IOException e) {
            return PolicyCommand.usage(err, "mud-check", "cannot read the certificates: " + e.getMessage());
        }
        PolicyInputs.Estate e;
        try {
            e = PolicyInputs.estate(null, inputs);
        } catch (PolicyInputs.Bad b) {
            err.println("vigil policy mud-check: " + b.getMessage());
            return Main.USAGE;
        }
        List<Subject> subjects = Subjects.of(e.devices(), Assets.none(), e.tiers(), new Membership(new MembershipRule(0, 1)));
        PolicyContext ctx = PolicyContext.of(subjects, e.observations().dnsView(Policy.DEFAULT_DNS_MARGIN), List.of());
        Map<String, List<dev.vigil.engine.net.Ip>> controllers = Map.of(Target.Controller.DNS, e.observations().answerers()
                .stream().filter(a -> a.isPrivate()).toList());
        List<Map<String, Object>> results = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (Device d : e.devices()) {
            if (d.mudUrl() == null) {
                continue;
            }
            MudCheck c = fetcher.check(d.mudUrl());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("device", d.id());
            r.put("mud_url", d.mudUrl());
            r.put("result", c.status().label());
            r.put("message", c.message());
            o.printf("%s %s: %s (%s)%n", d.id(), d.mudUrl(), c.status().label(), c.message());
            if (c.status().usable()) {
                Subject s = subjects.stream().filter(x -> x.id().equals(d.id())).findFirst().orElseThrow();
                Finding f = MudDeviation.compare(c.file(), s, ctx, e.observations().flows(), controllers, Policy.DEFAULT_LOCAL);
                r.put("outside_the_file", f == null ? 0 : f.count());
                if (f != null) {
                    findings.add(f);
                    o.printf("  %d flows outside the file: %s%n", f.count(), f.evidence().get("missing_entries"));
                }
            }
            results.add(r);
        }
        if (results.isEmpty()) {
            o.println("no device of the inputs announced a MUD URL");
        }
        if (out != null) {
            Files.createDirectories(out);
            Files.writeString(out.resolve("mud-check.json"), ReportWriter.pretty(results) + "\n");
            StringBuilder lines = new StringBuilder();
            for (Finding f : findings) {
                lines.append(ReportWriter.JSON.writeValueAsString(f)).append('\n');
            }
            Files.writeString(out.resolve("findings.jsonl"), lines.toString());
        }
        return findings.isEmpty() ? Main.OK : Main.FINDINGS;
    }

    private SSLContext tls() throws GeneralSecurityException, IOException {
        return tlsCa == null ? SSLContext.getDefault() : MudSignatures.tls(Files.readAllBytes(tlsCa));
    }
}
