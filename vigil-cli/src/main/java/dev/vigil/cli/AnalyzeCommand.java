package dev.vigil.cli;

import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.analysis.Analyzer;
import dev.vigil.detect.findings.Severity;
import dev.vigil.detect.intel.IntelStore;
import dev.vigil.detect.inventory.InventoryConfig;
import dev.vigil.detect.inventory.Rules;
import dev.vigil.detect.trust.Assets;
import dev.vigil.detect.trust.TrustConfig;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.event.EventSink;
import dev.vigil.engine.net.Cidr;
import dev.vigil.inputs.InputException;
import dev.vigil.inputs.Inputs;
import dev.vigil.report.ReportWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code vigil analyze}: captures in, inventory and findings out. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Analyse packet captures: inventory every device, find what makes it weak.",
            "",
            "INPUT is a pcap or pcapng file (optionally gzip-compressed), or - for a pcap stream on stdin",
            "(tcpdump -i eth0 -w - | vigil analyze -). Writes DIR/summary.json, DIR/inventory.json,",
            "DIR/findings.jsonl, DIR/plan.json, DIR/trust-events.jsonl and DIR/report.html, and prints a summary."},
        exitCodeListHeading = Main.EXIT_HEADING,
        exitCodeList = {Main.EXIT_DONE, "1:findings at or above --fail-on", Main.EXIT_USAGE, Main.EXIT_INTERNAL})
final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Captures to analyse, in order; - for stdin.")
    List<String> inputs;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "vigil-out",
            description = "Directory for the output files (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
            description = "What to print: a readable summary (text) or summary.json (json). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--fail-on", paramLabel = "SEVERITY",
            description = "Exit with 1 when a finding is at or above SEVERITY (info, low, medium, high, critical).")
    String failOn;

    @Option(names = "--local-net", paramLabel = "CIDR", split = ",",
            description = "Address blocks of the monitored networks, besides the private ranges and what ARP and DHCP show.")
    List<Cidr> localNets = new ArrayList<>();

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Classification rules to use instead of the bundled ones (same format as inventory/rules.tsv).")
    Path rules;

    @Option(names = "--intel", paramLabel = "DIR",
            description = "Intel store to check devices against for CVEs, KEV and firmware currency (default: "
                    + "$VIGIL_INTEL or ~/.local/share/vigil/intel, when it exists).")
    Path intel;

    @Option(names = "--no-intel", description = "Do not check devices against any intel store.")
    boolean noIntel;

    @Option(names = "--as-of", paramLabel = "DATE",
            description = "Judge end of support and KEV due dates as of DATE (YYYY-MM-DD; default: today).")
    String asOf;

    @picocli.CommandLine.Mixin
    DetectionOptions detectionOptions = new DetectionOptions();

    @Option(names = "--trust", paramLabel = "FILE",
            description = "Trust and risk weights overriding the defaults (same format as trust.properties; see docs/trust.md).")
    Path trustWeights;

    @Option(names = "--assets", paramLabel = "FILE",
            description = "CSV of what you know about devices: device (id, MAC or IP), owner, location, criticality, tags.")
    Path assets;

    @Option(names = "--no-detect", description = "Inventory and hygiene only: no attack, C2, exfiltration or anomaly detection.")
    boolean noDetect;

    @Option(names = "--events", paramLabel = "FILE",
            description = "Also write every engine event (flows, DHCP, DNS, TLS, …) as JSON lines to FILE; secrets are masked.")
    Path events;

    @Option(names = "--top", paramLabel = "N", defaultValue = "" + SummaryPrinter.DEFAULT_TOP,
            description = "List the N riskiest devices in the summary (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--all", description = "List every device in the summary, riskiest first.")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Option(names = "--no-progress", description = "Never show the progress bar.")
    boolean noProgress;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads to use (default: 3 with two cores or more, else 1; ${DEFAULT-VALUE} here): 1 runs "
                    + "everything on one; 2 runs the detectors beside the engine; 3 the inventory on a third. "
                    + "The output is the same whatever N.")
    int threads = Runtime.getRuntime().availableProcessors() > 1 ? 3 : 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        if (top < 1) {
            return usage(err, "--top must be 1 or more, not " + top);
        }
        if (threads < 1) {
            return usage(err, "--threads must be 1 or more, not " + threads);
        }
        if (!format.equals("text") && !format.equals("json")) {
            return usage(err, "--format must be text or json, not '" + format + "'");
        }
        Severity threshold = null;
        if (failOn != null) {
            try {
                threshold = Severity.parse(failOn);
            } catch (IllegalArgumentException e) {
                return usage(err, e.getMessage());
            }
        }
        InventoryConfig inv = InventoryConfig.DEFAULT.withLocalNetworks(localNets);
        if (rules != null) {
            try {
                inv = new InventoryConfig(inv.localNetworks(), inv.limits(), Rules.load(rules));
            } catch (IOException e) {
                return usage(err, "--rules " + rules + ": cannot read: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                return usage(err, "--rules " + e.getMessage());
            }
        }
        if (inputs.stream().filter("-"::equals).count() > 1) {
            return usage(err, "standard input (-) can be read only once");
        }
        AnalysisConfig config = AnalysisConfig.defaults().withInventory(inv);
        if (asOf != null) {
            try {
                config = config.withToday(java.time.LocalDate.parse(asOf));
            } catch (java.time.format.DateTimeParseException e) {
                return usage(err, "--as-of: '" + asOf + "' is not a date (YYYY-MM-DD)");
            }
        }
        try {
            config = detectionOptions.apply(config).withDetect(!noDetect).withTrust(
                    trustWeights == null ? TrustConfig.defaults() : TrustConfig.load(trustWeights),
                    assets == null ? Assets.none() : Assets.load(assets));
        } catch (java.nio.file.NoSuchFileException e) {
            return usage(err, e.getFile() + ": no such file");
        } catch (IOException e) {
            return usage(err, "cannot read " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        if (!noIntel) {
            IntelStore store = new IntelStore(intel != null ? intel : IntelStore.defaultDir());
            if (store.exists()) {
                config = config.withIntel(store);
            } else if (intel != null) {
                return usage(err, "--intel " + intel + ": no intel store there (create one with: vigil intel import --intel "
                        + intel + " FILE)");
            }
        }
        BufferedWriter eventLog = null;
        if (events != null) {
            try {
                eventLog = Files.newBufferedWriter(events, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return usage(err, "--events " + events + ": cannot write: " + e.getMessage());
            }
            BufferedWriter w = eventLog;
            config = config.withEventLog(e -> {
                try {
                    w.write(EventJson.toJson(e));
                    w.write('\n');
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        Analyzer analyzer = new Analyzer(config, threads);
        ProgressBar progress = new ProgressBar(System.err, !quiet && !noProgress && ProgressBar.terminal());
        try {
            for (String input : inputs) {
                Inputs.read(input, config.captures(), analyzer.anomalies(), (n, src) -> analyzer.add(n, src, progress),
                        (n, src) -> analyzer.add(n, src, progress));
            }
        } catch (InputException e) {
            analyzer.abandon();
            err.println("vigil analyze: " + e.getMessage());
            return Main.USAGE;
        } finally {
            if (eventLog != null) {
                analyzer.sync();
                eventLog.close();
            }
        }
        AnalysisResult result = analyzer.finish();
        if (!quiet) {
            for (String w : result.summary().warnings()) {
                err.println("vigil analyze: warning: " + w);
            }
            err.flush();
        }
        try {
            ReportWriter.write(out, result);
        } catch (IOException e) {
            err.println("vigil analyze: cannot write " + out + ": " + e.getMessage());
            return Main.USAGE;
        }
        if (!quiet) {
            if (format.equals("json")) {
                stdout.println(ReportWriter.pretty(result.summary()));
            } else {
                new SummaryPrinter(stdout, all ? Integer.MAX_VALUE : top).print(result, out);
            }
            stdout.flush();
        }
        return Main.exitFor(result.findings(), threshold);
    }

    private static int usage(PrintWriter err, String message) {
        return Main.usage(err, "analyze", message);
    }

    static EventSink none() {
        return EventSink.NONE;
    }
}
