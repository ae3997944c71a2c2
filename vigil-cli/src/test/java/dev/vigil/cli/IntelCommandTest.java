package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.engine.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil intel} and {@code vigil analyze --intel} from the command line. */
class IntelCommandTest {

    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();

    private Path fixture() throws Exception {
        Path p = tmp.resolve("firmware.csv");
        Files.writeString(p, "vendor,model,latest_version,release_date,end_of_support\n"
                + "D-Link,DCS-935L,,,2019-06-01\nPhilips,BSB002,1.50.0,2021-01-01,\n");
        return p;
    }

    @Test
    void importStatusMatchAndAnalyze() throws Exception {
        Path store = tmp.resolve("intel");
        Path nvd = TestData.shared("intel/nvd");
        Path kev = TestData.shared("intel/kev");
        Cli imp = Cli.run("intel", "import", "--intel", store.toString(), nvd.toString(), kev.toString(),
                fixture().toString());
        assertThat(imp.exit()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("CVE-2023-1389.json: nvd, 1 records: 1 added")
                .contains("known_exploited_vulnerabilities.json: kev").contains("firmware.csv: firmware, 2 records: 2 added");
        Cli again = Cli.run("intel", "import", "--intel", store.toString(), nvd.toString());
        assertThat(again.out()).contains("0 added, 0 updated, 1 unchanged").doesNotContain("1 added");

        Cli status = Cli.run("intel", "status", "--intel", store.toString(), "--format", "json");
        assertThat(status.exit()).isZero();
        JsonNode s = json.readTree(status.out());
        assertThat(s.get("cves").asInt()).isEqualTo(4);
        assertThat(s.get("kev").asInt()).isGreaterThan(1000);
        assertThat(s.get("firmware").asInt()).isEqualTo(2);

        Cli match = Cli.run("intel", "match", "--intel", store.toString(), "--vendor", "TP-LINK", "--model",
                "Archer AX21", "--firmware", "1.1.3 Build 20221209");
        assertThat(match.out()).contains("CVE-2023-1389").contains("affected").contains("KEV due 2023-05-22");
        Cli fixed = Cli.run("intel", "match", "--intel", store.toString(), "--vendor", "TP-Link", "--model",
                "Archer AX21", "--firmware", "1.1.4 Build 20230219");
        assertThat(fixed.out()).contains("no CVE in the store applies");

        Path out = tmp.resolve("out");
        Cli a = Cli.run("analyze", "-q", "--intel", store.toString(), "--as-of", "2026-01-01", "--out", out.toString(),
                Cli.sample().toString());
        assertThat(a.exit()).as(a.err()).isZero();
        List<String> types = new java.util.ArrayList<>();
        for (String l : Files.readAllLines(out.resolve("findings.jsonl"))) {
            types.add(json.readTree(l).get("type").asText());
        }
        assertThat(types).contains("firmware.end_of_support", "firmware.outdated");
    }

    @Test
    void refusalsAreOneLineAndExitTwo() throws Exception {
        Path bad = tmp.resolve("notes.txt");
        Files.writeString(bad, "just some notes\n");
        Cli r = Cli.run("intel", "import", "--intel", tmp.resolve("s").toString(), bad.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).singleElement().asString().startsWith("vigil intel import: ")
                .contains("not an NVD CVE JSON 2.0 file");
        Cli missing = Cli.run("intel", "import", "--intel", tmp.resolve("s").toString(), tmp.resolve("nope.json").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        Cli noStore = Cli.run("intel", "status", "--intel", tmp.resolve("empty").toString());
        assertThat(noStore.exit()).isEqualTo(2);
        assertThat(noStore.err()).contains("no intel store");
        Cli analyze = Cli.run("analyze", "--intel", tmp.resolve("empty").toString(), Cli.sample().toString());
        assertThat(analyze.exit()).isEqualTo(2);
        assertThat(analyze.err().strip().lines()).singleElement().asString().contains("no intel store there");
        Cli date = Cli.run("analyze", "--no-intel", "--as-of", "next week", Cli.sample().toString());
        assertThat(date.exit()).isEqualTo(2);
        assertThat(date.err()).contains("not a date");
    }
}
