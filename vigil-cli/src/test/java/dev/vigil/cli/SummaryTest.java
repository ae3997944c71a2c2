package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary {@code vigil analyze} prints, on the bundled sample capture. */
class SummaryTest {

    @TempDir
    Path tmp;

    private static List<String> section(String out, String heading) {
        List<String> lines = out.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(heading)) {
                start = i;
                break;
            }
        }
        assertThat(start).as(heading).isNotNegative();
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).isEmpty()) {
            end++;
        }
        return lines.subList(start, end);
    }

    private static double risk(String row) {
        return Double.parseDouble(row.trim().split(" ")[0]);
    }

    @Test
    void riskiestDevicesFirstFindingsBySeverityWithinOneHundredColumns() throws Exception {
        Cli r = Cli.run("analyze", "--no-progress", "--out", tmp.resolve("o").toString(), Cli.sample().toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> !l.startsWith("Wrote to ")))
                .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(SummaryPrinter.WIDTH));

        List<String> devices = section(r.out(), "DEVICES");
        assertThat(devices.get(0)).isEqualTo("DEVICES: the 10 riskiest of 18 (--all lists every one)");
        assertThat(devices.get(1)).startsWith("  RISK").contains("TRUST").contains("ADDRESS").contains("DEVICE");
        List<String> rows = devices.subList(2, 12);
        for (int i = 1; i < rows.size(); i++) {
            assertThat(risk(rows.get(i))).as(rows.get(i)).isLessThanOrEqualTo(risk(rows.get(i - 1)));
        }
        // the two high-risk devices lead; the markers used are explained under the table
        assertThat(rows.get(0)).contains("high");
        assertThat(rows.get(1)).contains("high");
        assertThat(rows.stream().anyMatch(l -> l.matches("\\S*\\s+\\S+ \\S+\\s+\\S+ \\S+\\s+\\S+\\+ .*")
                || l.contains("+ "))).isTrue();
        assertThat(devices).anyMatch(l -> l.startsWith("  + the device used more addresses"));

        List<String> findings = section(r.out(), "FINDINGS");
        com.fasterxml.jackson.databind.JsonNode summary = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(tmp.resolve("o/summary.json").toFile());
        StringBuilder counts = new StringBuilder();
        for (String sev : List.of("critical", "high", "medium", "low", "info")) {
            if (summary.at("/findings_by_severity/" + sev).asLong() > 0) {
                counts.append(counts.isEmpty() ? "" : ", ").append(sev).append(' ')
                        .append(summary.at("/findings_by_severity/" + sev).asLong());
            }
        }
        assertThat(findings.get(0)).isEqualTo("FINDINGS: " + summary.get("findings").asLong() + " (" + counts + "), "
                + summary.get("finding_groups").asLong() + " by device and weakness");
        List<String> severities = findings.subList(2, findings.size()).stream().map(l -> l.trim().split(" ")[0]).toList();
        assertThat(severities).containsSubsequence("high", "medium").doesNotContainSequence("medium", "high");
        assertThat(findings).anyMatch(l -> l.contains("tls.obsolete_version"));

        Cli all = Cli.run("analyze", "--no-progress", "--all", "--out", tmp.resolve("a").toString(), Cli.sample().toString());
        assertThat(section(all.out(), "DEVICES")).hasSize(2 + 18 + 1).first().isEqualTo("DEVICES: 18, riskiest first");
        Cli three = Cli.run("analyze", "--no-progress", "--top", "3", "--out", tmp.resolve("t").toString(),
                Cli.sample().toString());
        assertThat(section(three.out(), "DEVICES").get(0)).isEqualTo("DEVICES: the 3 riskiest of 18 (--all lists every one)");
        Cli zero = Cli.run("analyze", "--top", "0", Cli.sample().toString());
        assertThat(zero.exit()).isEqualTo(2);
        assertThat(zero.err().strip()).isEqualTo("vigil analyze: --top must be 1 or more, not 0");
    }
}
