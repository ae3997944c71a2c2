package dev.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.detect.intel.CpeMatcher;
import dev.vigil.detect.intel.CpeNames;
import dev.vigil.detect.intel.CveRecord;
import dev.vigil.detect.intel.FirmwareRelease;
import dev.vigil.detect.intel.IntelFiles;
import dev.vigil.detect.intel.IntelStore;
import dev.vigil.detect.intel.KevEntry;
import dev.vigil.detect.intel.VendorVersion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil intel}: the local store of CVE, KEV and firmware data that analyses check devices against. */
@Command(name = "intel", mixinStandardHelpOptions = true,
        description = {"Manage the local intelligence store (CVE records, CISA KEV, firmware catalogue).",
            "",
            "The store lives in --intel DIR, else $VIGIL_INTEL, else ~/.local/share/vigil/intel. It works",
            "offline; imports are incremental and idempotent."},
        subcommands = {IntelCommand.Import.class, IntelCommand.Status.class, IntelCommand.Match.class},
        exitCodeListHeading = Main.EXIT_HEADING,
        exitCodeList = {Main.EXIT_DONE, Main.EXIT_USAGE, Main.EXIT_INTERNAL})
final class IntelCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static IntelStore store(Path dir) {
        return new IntelStore(dir != null ? dir : IntelStore.defaultDir());
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Import CVE records, the CISA KEV catalogue and firmware catalogues into the store.",
                "",
                "NVD CVE JSON 2.0 files (single records, API responses, yearly feeds, .gz), the CISA KEV catalogue",
                "(JSON or CSV) and firmware catalogues (CSV or JSON). A directory imports every file in it. The kind",
                "of each file is recognised from its content."},
            exitCodeListHeading = Main.EXIT_HEADING,
            exitCodeList = {"0:done", "2:bad usage or a file that is not intel (nothing of it is stored)",
                "3:internal error"})
    static final class Import implements Callable<Integer> {

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files or directories to import.")
        List<Path> files;

        @Option(names = "--intel", paramLabel = "DIR", description = "The store (default: $VIGIL_INTEL or ~/.local/share/vigil/intel).")
        Path dir;

        @Option(names = "--kind", paramLabel = "nvd|kev|firmware", description = "Skip recognition: every file is of this kind.")
        String kind;

        @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
        boolean quiet;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            IntelFiles.Kind forced = null;
            if (kind != null) {
                try {
                    forced = IntelFiles.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    err.println("vigil intel import: --kind must be nvd, kev or firmware, not '" + kind + "'");
                    return Main.USAGE;
                }
            }
            List<Path> all = new ArrayList<>();
            for (Path f : files) {
                if (Files.isDirectory(f)) {
                    try (Stream<Path> s = Files.walk(f)) {
                        s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                                .filter(p -> !p.getFileName().toString().endsWith("_schema.json")).sorted()
                                .forEach(all::add);
                    }
                } else if (!Files.exists(f)) {
                    err.println("vigil intel import: " + f + ": no such file");
                    return Main.USAGE;
                } else {
                    all.add(f);
                }
            }
            IntelStore store = store(dir);
            int failures = 0;
            for (Path f : all) {
                try {
                    IntelStore.ImportResult r = store.importFile(f, forced);
                    if (!quiet) {
                        out.printf("%s: %s, %d records: %d added, %d updated, %d unchanged%s%n", f,
                                r.kind().name().toLowerCase(Locale.ROOT), r.records(), r.added(), r.updated(),
                                r.unchanged(), r.olderIgnored() > 0 ? ", " + r.olderIgnored() + " older than the store's kept" : "");
                    }
                } catch (IntelFiles.IntelFormatException e) {
                    err.println("vigil intel import: " + e.getMessage());
                    failures++;
                } catch (java.nio.file.AccessDeniedException e) {
                    err.println("vigil intel import: permission denied: " + e.getFile());
                    return Main.USAGE;
                }
            }
            if (!quiet) {
                out.println("store: " + store.dir());
            }
            return failures == 0 ? Main.OK : Main.USAGE;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "What the store holds and the last imports.",
            exitCodeListHeading = Main.EXIT_HEADING,
            exitCodeList = {Main.EXIT_DONE, "2:bad usage, or no intel store there", Main.EXIT_INTERNAL})
    static final class Status implements Callable<Integer> {

        @Option(names = "--intel", paramLabel = "DIR", description = "The store (default: $VIGIL_INTEL or ~/.local/share/vigil/intel).")
        Path dir;

        @Option(names = "--format", paramLabel = "text|json", defaultValue = "text", description = "Output format (default: ${DEFAULT-VALUE}).")
        String format;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            IntelStore store = store(dir);
            if (!store.exists()) {
                spec.commandLine().getErr().println("vigil intel status: no intel store at " + store.dir()
                        + " (import one with: vigil intel import FILE)");
                return Main.USAGE;
            }
            IntelStore.Status s = store.status();
            if (format.equals("json")) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s));
                return Main.OK;
            }
            out.println("store:     " + s.dir());
            out.println("CVEs:      " + s.cves() + " (" + s.cvesWithConfigurations() + " with CPE configurations)");
            out.println("KEV:       " + s.kev() + (s.kevCatalogVersion() == null ? "" : " (catalogue " + s.kevCatalogVersion() + ")"));
            out.println("firmware:  " + s.firmware() + " catalogue entries");
            if (!s.lastImports().isEmpty()) {
                out.println("last imports:");
                for (Map<String, Object> m : s.lastImports()) {
                    out.printf("  %s  %-8s %s (+%s ~%s =%s)%n", m.get("time"), m.get("kind"), m.get("file"), m.get("added"),
                            m.get("updated"), m.get("unchanged"));
                }
            }
            return Main.OK;
        }
    }

    @Command(name = "match", mixinStandardHelpOptions = true,
            description = "What the store says about one device: CVEs that apply, KEV status, firmware currency.",
            exitCodeListHeading = Main.EXIT_HEADING,
            exitCodeList = {Main.EXIT_DONE, "2:bad usage, or no intel store there", Main.EXIT_INTERNAL})
    static final class Match implements Callable<Integer> {

        @Option(names = "--vendor", required = true, paramLabel = "NAME", description = "Vendor (any spelling).")
        String vendor;

        @Option(names = "--model", required = true, paramLabel = "MODEL", description = "Model.")
        String model;

        @Option(names = "--firmware", paramLabel = "VERSION", description = "Firmware version, if known.")
        String firmware;

        @Option(names = "--intel", paramLabel = "DIR", description = "The store (default: $VIGIL_INTEL or ~/.local/share/vigil/intel).")
        Path dir;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            IntelStore store = store(dir);
            if (!store.exists()) {
                spec.commandLine().getErr().println("vigil intel match: no intel store at " + store.dir());
                return Main.USAGE;
            }
            List<CpeMatcher.Platform> platforms = CpeMatcher.platforms(vendor, model, firmware, List.of());
            Map<String, KevEntry> kev = store.kev();
            int n = 0;
            for (CveRecord c : store.cvesForVendors(Set.of(CpeNames.vendorKey(vendor)))) {
                CpeMatcher.Verdict v = CpeMatcher.evaluate(c, platforms);
                if (v == null) {
                    continue;
                }
                n++;
                KevEntry k = kev.get(c.id());
                out.printf("%s  cvss %s  %s%s%s%n", c.id(), c.cvss() == null ? "-" : c.cvss(),
                        v.confirmed() ? "affected" : "affected if the firmware is in range (no --firmware given)",
                        k != null || c.kevAdded() != null ? "  KEV due " + (k != null ? k.dueDate() : c.kevDue()) : "",
                        v.matched().isEmpty() || v.matched().get(0).rangeText() == null ? ""
                                : "  [" + v.matched().get(0).rangeText() + "]");
            }
            for (FirmwareRelease f : store.firmware()) {
                if (!f.key().equals(CpeNames.vendorKey(vendor) + '|' + CpeNames.productKey(model))) {
                    continue;
                }
                if (f.latestVersion() != null) {
                    String state = firmware == null ? "" : VendorVersion.COMPARATOR.compare(firmware, f.latestVersion()) < 0
                            ? " (this firmware is older)" : " (this firmware is current)";
                    out.println("latest firmware: " + f.latestVersion() + state);
                }
                if (f.endOfSupport() != null) {
                    out.println("end of support: " + f.endOfSupport());
                }
            }
            if (n == 0) {
                out.println("no CVE in the store applies to " + vendor + " " + model
                        + (firmware == null ? "" : " " + firmware));
            }
            return Main.OK;
        }
    }
}
