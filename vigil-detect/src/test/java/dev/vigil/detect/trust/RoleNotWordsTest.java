package dev.vigil.detect.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.inventory.Device;
import dev.vigil.engine.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Whether a device is the attacker, and what fixes a finding, come from the finding's role and the
 * catalogue, never from the words its detector wrote: the same sentence with the roles swapped
 * swaps the verdict, no deciding code reads an evidence value as text, and none names a type.
 */
class RoleNotWordsTest {

    static Finding withRole(Finding f, String role, String sentence) {
        Finding.DeviceRef d = f.device();
        return new Finding(f.type(), f.severity(), f.title(), new Finding.DeviceRef(d.id(), d.mac(), d.ip(), role), f.peer(),
                f.firstSeen(), f.lastSeen(), f.count(), Map.of("direction", sentence), f.standards(), f.remediation());
    }

    @Test
    void theRoleDecidesCompromiseAndTheActionWhateverTheSentenceSays() {
        Device guesser = TrustAndRiskTest.device("guesser", "camera", null, 0.9, TrustAndRiskTest.T0, TrustAndRiskTest.T0);
        Device guessed = TrustAndRiskTest.device("guessed", "camera", null, 0.9, TrustAndRiskTest.T0, TrustAndRiskTest.T0);
        Finding base = TrustAndRiskTest.finding(guesser, "attack.bruteforce", TrustAndRiskTest.T0);
        // the sentences lie on purpose: the roles are what counts
        Finding actor = withRole(base, "actor", "passwords are guessed on this device");
        Finding target = withRole(TrustAndRiskTest.finding(guessed, "attack.bruteforce", TrustAndRiskTest.T0), "target",
                "this device guesses passwords on 10.0.0.9");
        Assessor.Assessment a = new Assessor(TrustConfig.defaults(), TrustAndRiskTest.CATALOG, Assets.none())
                .assess(List.of(guesser, guessed), List.of(actor, target), TrustAndRiskTest.nanos(TrustAndRiskTest.T0));
        assertThat(a.devices().get("guesser").risk().likelihood()).isEqualTo(5);
        assertThat(a.devices().get("guesser").risk().reasons()).contains("behaviour of a compromised device");
        assertThat(a.devices().get("guessed").risk().reasons()).doesNotContain("behaviour of a compromised device");
        assertThat(a.plan()).filteredOn(x -> x.device().equals("guesser")).extracting(RemediationPlanner.Action::action)
                .containsExactly("Isolate the device, reflash it and change its credentials");
        assertThat(a.plan()).filteredOn(x -> x.device().equals("guessed")).extracting(RemediationPlanner.Action::action)
                .containsExactly("Block the attacker at the edge and check the device");
    }

    /** Lines of the trust, policy and ingestion code that name a catalogue type in a string literal. */
    static List<String> namingTypes(Path root) throws IOException {
        List<String> hits = new ArrayList<>();
        for (String dir : List.of("vigil-detect/src/main/java/dev/vigil/detect/trust",
                "vigil-detect/src/main/java/dev/vigil/detect/policy", "vigil-server/src/main/java/dev/vigil/server/ingest")) {
            Path d = root.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(d)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    for (var t : TrustAndRiskTest.CATALOG.all()) {
                        if (text.contains("\"" + t.type() + "\"")) {
                            hits.add(root.relativize(f) + ": " + t.type());
                        }
                    }
                }
            }
        }
        return hits;
    }

    /** An evidence value read as text: {@code evidence().get("x")} followed by a string test. */
    static final Pattern READS_WORDS = Pattern.compile(
            "evidence\\(\\)\\.get\\([^)]*\\)\\)?\\s*\\.(?:toString\\(\\)\\.)?(?:contains|startsWith|endsWith|matches|indexOf)\\("
                    + "|valueOf\\([^)]*evidence\\(\\)[^)]*\\)\\)\\.(?:contains|startsWith|endsWith|matches|indexOf)\\(");

    @Test
    void noDecidingCodeReadsTheWordsOfAnEvidenceSentence() throws IOException {
        Path root = TestData.repoRoot();
        List<String> hits = new ArrayList<>();
        for (String dir : List.of("vigil-detect/src/main/java/dev/vigil/detect/trust",
                "vigil-detect/src/main/java/dev/vigil/detect/policy", "vigil-detect/src/main/java/dev/vigil/detect/findings",
                "vigil-server/src/main/java", "vigil-report/src/main/java", "vigil-cli/src/main/java")) {
            Path d = root.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(d)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        if (READS_WORDS.matcher(lines.get(i)).find() || lines.get(i).contains("\"this device")) {
                            hits.add(root.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).trim());
                        }
                    }
                }
            }
        }
        assertThat(hits).as("code that decides on the words of an evidence sentence").isEmpty();
        assertThat(namingTypes(root)).as("deciding code that names a finding type instead of reading the catalogue").isEmpty();
        assertThat(READS_WORDS.matcher("String.valueOf(f.evidence().get(\"direction\")).contains(\"guesses\")").find()).isTrue();
        assertThat(READS_WORDS.matcher("f.evidence().get(\"direction\").toString().startsWith(\"this\")").find()).isTrue();
    }
}
