package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.Severity;
import dev.vigil.detect.hygiene.DefaultCredentials;
import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import dev.vigil.probe.ProbeScope;
import dev.vigil.probe.Prober;
import dev.vigil.report.ReportWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code vigil probe}: active, scoped checks against devices the operator owns. */
@Command(name = "probe", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Actively check devices you own, within an explicit scope: banners and default passwords.",
            "",
            "Banner grabs on telnet, SSH, HTTP, RTSP, MQTT and FTP; published default-credential logins on",
            "telnet, HTTP Basic, MQTT and FTP.",
            "",
            "Refuses to run without --scope and never connects outside it; --passive-only ranges (OT,",
            "medical) get nothing at all. Connections are spaced to --rate; each service gets at most",
            "--max-attempts logins and none after the first success. Writes DIR/probe.jsonl (every action)",
            "and DIR/findings.jsonl."},
        exitCodeListHeading = Main.EXIT_HEADING,
        exitCodeList = {"0:done", "1:findings at or above --fail-on", "2:bad usage (no scope, a target outside it)",
            "3:internal error"})
final class ProbeCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "TARGET",
            description = "Addresses or blocks to probe; each must lie inside --scope. Default: the devices of "
                    + "--inventory, else every host of the scope.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--scope", required = true, split = ",", paramLabel = "CIDR",
            description = "Address blocks you own and allow the probe to act on (required).")
    List<String> scope;

    @Option(names = "--passive-only", split = ",", paramLabel = "CIDR",
            description = "Blocks inside the scope that must never be probed (OT, medical).")
    List<String> passiveOnly = new ArrayList<>();

    @Option(names = "--inventory", paramLabel = "FILE",
            description = "inventory.json of an analysis: probe its devices and attach findings to them.")
    Path inventory;

    @Option(names = "--services", split = ",", paramLabel = "SERVICE[:PORT]",
            description = {"Services to check (telnet, ssh, http, rtsp, mqtt, ftp), optionally on a port. Default:",
                "telnet:23,telnet:2323,ssh:22,http:80,http:8080,http:81,rtsp:554,mqtt:1883,ftp:21."})
    List<String> services = new ArrayList<>();

    @Option(names = "--rate", paramLabel = "N", defaultValue = "10",
            description = "Connections per second, all targets together (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "10",
            description = "Login attempts per service at most (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--no-login", description = "Banner grabs only: never send credentials.")
    boolean noLogin;

    @Option(names = "--credentials", paramLabel = "FILE",
            description = "User/password pairs to try instead of the bundled defaults (\"user password\" per line).")
    Path credentials;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "3000",
            description = "Connect and read timeout in milliseconds (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "8",
            description = "Targets probed at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "vigil-probe",
            description = "Directory for probe.jsonl and findings.jsonl (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit with 1 when a finding is at or above SEVERITY.")
    String failOn;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        ProbeScope s;
        try {
            s = ProbeScope.parse(scope, passiveOnly);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        Severity threshold = null;
        if (failOn != null) {
            try {
                threshold = Severity.parse(failOn);
            } catch (IllegalArgumentException e) {
                return usage(err, e.getMessage());
            }
        }
        List<Prober.Service> svc = new ArrayList<>();
        try {
            for (String x : services) {
                svc.add(Prober.Service.parse(x));
            }
        } catch (IllegalArgumentException e) {
            return usage(err, "--services: " + e.getMessage());
        }
        if (svc.isEmpty()) {
            svc = Prober.DEFAULT_SERVICES;
        }
        if (maxAttempts < 0 || parallel < 1 || timeout < 100) {
            return usage(err, "--max-attempts must be >= 0, --parallel >= 1 and --timeout >= 100 ms");
        }
        Map<Ip, Finding.DeviceRef> known = new HashMap<>();
        Set<Ip> list = new LinkedHashSet<>();
        for (String t : targets) {
            Cidr c;
            try {
                c = Cidr.parse(t);
            } catch (IllegalArgumentException e) {
                return usage(err, "'" + t + "' is not an address or block (names are not resolved)");
            }
            ProbeScope one;
            try {
                one = new ProbeScope(List.of(c), List.of());
            } catch (IllegalArgumentException e) {
                return usage(err, e.getMessage());
            }
            for (Ip ip : one.hosts()) {
                if (s.check(ip) == ProbeScope.Verdict.OUT_OF_SCOPE) {
                    return usage(err, "target " + ip + " is outside --scope " + String.join(",", scope)
                            + "; nothing was sent");
                }
                list.add(ip);
            }
        }
        if (inventory != null) {
            try {
                for (JsonNode d : ReportWriter.JSON.readTree(inventory.toFile())) {
                    for (JsonNode a : d.path("ips")) {
                        Ip ip = Ip.parse(a.path("ip").asText());
                        known.put(ip, new Finding.DeviceRef(d.path("id").asText(),
                                d.path("mac").isNull() ? null : d.path("mac").asText(), ip.toString(), "weakness"));
                        if (targets.isEmpty()) {
                            list.add(ip);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                return usage(err, "--inventory " + inventory + ": not an inventory.json (" + e.getMessage() + ")");
            }
        }
        if (targets.isEmpty() && inventory == null) {
            list.addAll(s.hosts());
        }
        List<DefaultCredentials.Pair> creds;
        try {
            creds = credentials == null ? DefaultCredentials.bundled().probeOrder()
                    : DefaultCredentials.load(credentials).probeOrder();
        } catch (IOException e) {
            return usage(err, "--credentials " + credentials + ": cannot read: " + e.getMessage());
        }
        Prober.Config config;
        try {
            config = new Prober.Config(s, List.copyOf(list), svc, rate, timeout, maxAttempts, !noLogin, creds, parallel);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        Prober prober;
        try {
            prober = new Prober(config, ip -> known.getOrDefault(ip, new Finding.DeviceRef("ip:" + ip, null, ip.toString(), "weakness")));
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            return usage(err, "cannot write " + out + ": " + e.getMessage());
        }
        Prober.Result r;
        try (BufferedWriter log = Files.newBufferedWriter(out.resolve("probe.jsonl"), StandardCharsets.UTF_8)) {
            if (!quiet) {
                stdout.printf("probing %d address(es), %d service(s) each, %s, at most %.1f connections/s%n", list.size(),
                        svc.size(), s, rate);
                stdout.flush();
            }
            r = prober.run(a -> {
                try {
                    log.write(ReportWriter.JSON.writeValueAsString(a));
                    log.write('\n');
                    log.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        ReportWriter.writeJsonLines(out.resolve("findings.jsonl"), r.findings());
        if (!quiet) {
            for (Finding f : r.findings()) {
                stdout.printf("%-8s %-26s %-15s %s%n", f.severity().label(), f.type(), f.device().ip(),
                        f.evidence().get("service") + ":" + f.evidence().get("port")
                                + (f.evidence().containsKey("user") ? " user " + f.evidence().get("user") : "")
                                + (f.evidence().containsKey("banner") ? "  " + f.evidence().get("banner") : ""));
            }
            stdout.printf("%d connections; wrote %s and %s%n", r.connections(), out.resolve("probe.jsonl"),
                    out.resolve("findings.jsonl"));
        }
        return Main.exitFor(r.findings(), threshold);
    }

    private static int usage(PrintWriter err, String message) {
        return Main.usage(err, "probe", message);
    }
}
