package dev.vigil.cli;

import dev.vigil.detect.analysis.Version;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code vigil} command. Exit codes: 0 done; 1 findings at or above {@code --fail-on}; 2 bad
 * usage or unreadable input; 3 internal error. Errors are one line on stderr, never a stack trace
 * (set VIGIL_DEBUG=1 to get one).
 */
@Command(name = "vigil", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Vigil: know what is on your network and whether you can trust it.",
        subcommands = {AnalyzeCommand.class, ServeCommand.class, EvalCommand.class, IntelCommand.class, ProbeCommand.class,
            PolicyCommand.class,
            AdminCommand.Audit.class, AdminCommand.Keys.class, DiffCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = Main.EXIT_HEADING,
        exitCodeList = {Main.EXIT_DONE, "1:findings at or above --fail-on (analyze, probe), a tampered audit log (audit verify)",
            Main.EXIT_USAGE, Main.EXIT_INTERNAL})
public final class Main implements Runnable {

    /** The heading and the lines of every command's exit code list (picocli's "CODE:meaning"). */
    static final String EXIT_HEADING = "%nExit codes:%n";
    static final String EXIT_DONE = "0:done";
    static final String EXIT_USAGE = "2:bad usage or unreadable input (one line on stderr)";
    static final String EXIT_INTERNAL = "3:internal error";

    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line; returns the exit code. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the command line with its own output and error writers (tests). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        int rc = cl.execute(args);
        out.flush();
        err.flush();
        return rc;
    }

    static final int HELP_WIDTH = 110;

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        // descriptions are written as lines of at most 110 characters: wider than picocli's 80, so
        // that none is re-wrapped into a ragged paragraph
        cl.setUsageHelpWidth(HELP_WIDTH);
        // address blocks are parsed once, for every command, and a bad one is a usage error like any other
        cl.registerConverter(dev.vigil.engine.net.Cidr.class, text -> {
            try {
                return dev.vigil.engine.net.Cidr.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        });
        // picocli's own help command: its exit codes too
        cl.getSubcommands().get("help").getCommandSpec().usageMessage().exitCodeListHeading(EXIT_HEADING)
                .exitCodeList(exitCodes(EXIT_DONE, "2:no such command", EXIT_INTERNAL));
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter err = c.getErr();
            err.println(c.getCommandSpec().qualifiedName() + ": " + ex.getMessage() + " (see "
                    + c.getCommandSpec().qualifiedName() + " --help)");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            PrintWriter err = c.getErr();
            err.println("vigil: internal error: " + ex + (debug() ? "" : " (set VIGIL_DEBUG=1 for details)"));
            if (debug()) {
                ex.printStackTrace(err);
            }
            return INTERNAL;
        });
        return cl;
    }

    private static java.util.Map<String, String> exitCodes(String... lines) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String l : lines) {
            int colon = l.indexOf(':');
            m.put(l.substring(0, colon), l.substring(colon + 1));
        }
        return m;
    }

    /** One line on stderr, "vigil COMMAND: message", and the usage exit code. */
    static int usage(PrintWriter err, String command, String message) {
        err.println("vigil " + command + ": " + message);
        return USAGE;
    }

    /** {@link #FINDINGS} when a finding reaches {@code threshold} (null: never), else {@link #OK}. */
    static int exitFor(java.util.List<dev.vigil.detect.findings.Finding> findings, dev.vigil.detect.findings.Severity threshold) {
        if (threshold != null) {
            for (dev.vigil.detect.findings.Finding f : findings) {
                if (f.severity().compareTo(threshold) >= 0) {
                    return FINDINGS;
                }
            }
        }
        return OK;
    }

    static boolean debug() {
        return System.getenv("VIGIL_DEBUG") != null;
    }

    /** Prints the version from the build. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vigil " + Version.VALUE, "Java " + Runtime.version()};
        }
    }
}
