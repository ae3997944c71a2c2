package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help: its exit codes, summaries that are whole sentences, no word broken across lines. */
class HelpTest {

    private static List<CommandLine> everyCommand(CommandLine c) {
        List<CommandLine> all = new ArrayList<>(List.of(c));
        c.getSubcommands().values().forEach(s -> all.addAll(everyCommand(s)));
        return all;
    }

    private static String usage(CommandLine c) {
        StringWriter w = new StringWriter();
        c.usage(new PrintWriter(w));
        return w.toString();
    }

    @Test
    void everyCommandListsItsExitCodes() {
        List<CommandLine> all = everyCommand(Main.commandLine());
        assertThat(all).hasSizeGreaterThan(10);
        for (CommandLine c : all) {
            String u = usage(c);
            assertThat(u).as(c.getCommandSpec().qualifiedName()).contains("Exit codes:").containsPattern("\\n  0 ")
                    .containsPattern("\\n  2 ");
        }
    }

    @Test
    void summariesAreSentencesAndNoWordIsBrokenAcrossLines() {
        for (CommandLine c : everyCommand(Main.commandLine())) {
            String name = c.getCommandSpec().qualifiedName();
            String[] description = c.getCommandSpec().usageMessage().description();
            if (description.length > 0) {
                // the first line is what the parent's command list shows
                assertThat(description[0]).as(name + " summary").matches(".*[.?)]$");
            }
            List<String> lines = usage(c).lines().toList();
            for (int i = 0; i + 1 < lines.size(); i++) {
                String line = lines.get(i);
                // a line picocli wrapped goes on, indented, under the description column
                String raw = lines.get(i + 1);
                String next = raw.startsWith(" ".repeat(10)) ? raw.stripLeading() : "";
                if (line.startsWith("Usage:") || line.startsWith(" ".repeat(8)) && lines.get(i).contains("[")) {
                    continue; // the synopsis wraps where picocli likes
                }
                assertThat(line).as(name).hasSizeLessThanOrEqualTo(Main.HELP_WIDTH);
                // "HOST:" then "514", "detection." then "properties": a token cut by the re-wrap
                assertThat(line.endsWith(":") && !next.isEmpty() && Character.isDigit(next.charAt(0))).as(name + ": " + line)
                        .isFalse();
                assertThat(line.matches(".*\\w\\.$") && !next.isEmpty() && Character.isLowerCase(next.charAt(0)))
                        .as(name + ": " + line).isFalse();
            }
        }
    }
}
