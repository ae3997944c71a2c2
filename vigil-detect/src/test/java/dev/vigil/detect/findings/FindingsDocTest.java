package dev.vigil.detect.findings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.engine.testing.TestData;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/findings.md is generated from the catalogue (and from the captures the findings tests expect
 * each type on), so it cannot drift: this test fails when the committed page differs, and
 * {@code ./test --update-golden} rewrites it.
 */
class FindingsDocTest {

    /** Types proven by tests other than the capture table. */
    static final Map<String, String> OTHER_TESTS = Map.ofEntries(
            Map.entry("vulnerability.known", "VulnerabilityChecksTest: CVE-2017-17215 on a Huawei HG532 (NVD record)"),
            Map.entry("vulnerability.known_exploited",
                    "VulnerabilityChecksTest: CVE-2023-1389 on a TP-Link Archer AX21 1.1.3 (NVD record + CISA KEV)"),
            Map.entry("firmware.outdated", "VulnerabilityChecksTest: the sample's Philips BSB002 against a fixture catalogue"),
            Map.entry("firmware.end_of_support", "VulnerabilityChecksTest: the sample's D-Link DCS-935L against a fixture catalogue"),
            Map.entry("probe.default_credentials", "ProbeCommandTest: fake telnet (admin/admin), HTTP Basic camera, mosquitto"),
            Map.entry("probe.anonymous_access", "ProbeCommandTest: mosquitto with allow_anonymous true"),
            Map.entry("probe.open_service", "ProbeCommandTest: every fake device"),
            Map.entry("c2.known_bad", "AnalyzeCommandTest: `vigil-netns-botnet.pcap` with an indicator list naming its server"),
            Map.entry("exfil.large_upload", "LearningDetectionTest: `vigil-netns-lan-attacks.pcap` with a 1 s learning period"),
            Map.entry("c2.long_lived", "LearningDetectionTest: `vigil-netns-lan-changes.pcap` (a 12 s channel) with a 5 s threshold"),
            Map.entry("anomaly.behavior",
                    "LearningDetectionTest: `vigil-netns-camera-burst.pcap` (6 MB in one second after 45 s of status requests) with 1 s windows"),
            Map.entry("anomaly.new_destinations",
                    "LearningDetectionTest: `vigil-netns-lan-changes.pcap` (24 new names after one) with a 4 s learning period"),
            Map.entry("anomaly.new_service",
                    "LearningDetectionTest: `vigil-netns-lan-changes.pcap` (tcp/5555 after learning) with a 4 s learning period"));

    static String render() throws Exception {
        JsonNode catalog;
        try (InputStream in = FindingsDocTest.class.getResourceAsStream("/findings/catalog.json")) {
            catalog = new ObjectMapper().readTree(in);
        }
        Map<String, TreeSet<String>> captures = new LinkedHashMap<>();
        try (InputStream in = FindingsDocTest.class.getResourceAsStream("/findings/expected.tsv")) {
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                if (l.isBlank() || l.startsWith("#")) {
                    continue;
                }
                String[] t = l.split("\t", -1);
                String name = t[0].replace("bundled:", "").replace("shared:", "../shared/data/");
                for (String type : t[1].split(",")) {
                    if (!type.isBlank()) {
                        captures.computeIfAbsent(type.trim(), k -> new TreeSet<>()).add("`" + name + "`");
                    }
                }
            }
        }
        // vigil eval's manifest (module vigil-eval) says which finding each labelled dataset proves
        Path datasets = TestData.repoRoot().resolve("vigil-eval/src/main/resources/eval/datasets.tsv");
        for (String l : Files.readString(datasets).lines().toList()) {
            String[] t = l.split("\t");
            if (l.startsWith("#") || t.length < 4) {
                continue;
            }
            for (String e : t[3].split(";")) {
                for (String type : e.split("=", 2)[1].split("\\|")) {
                    if (!type.endsWith("*")) {
                        captures.computeIfAbsent(type, k -> new TreeSet<>()).add("vigil eval `" + t[0] + "`");
                    }
                }
            }
        }
        StringBuilder s = new StringBuilder();
        s.append("# Finding catalogue\n\n");
        s.append("<!-- generated from vigil-detect/src/main/resources/findings/catalog.json by FindingsDocTest; "
                + "edit the catalogue, then run ./test --update-golden -->\n\n");
        s.append("Every finding Vigil reports has one of these types. A finding is one line of `findings.jsonl`:\n"
                + "`type`, `severity`, `title`, the `device` it is about (id, MAC, IP, its `role`), the `peer` on the other side\n"
                + "where there is one, `first_seen`/`last_seen`/`count`, `evidence` (facts; passwords and\n"
                + "communities masked as `********`, whatever they are), `standards` and\n"
                + "`remediation`. Repeats of the same type, device, peer and key are one finding with a count;\n"
                + "past four peers they fold into one finding listing `peer_count` and `peers_sample`. The device is\n"
                + "the one that held the address when it happened; traffic on the capture host's own loopback is\n"
                + "about `capture-host`, which is no device of the inventory.\n\n"
                + "Each type says the device's `role` in it: *weakness* (its own), *actor* (it does it: a device\n"
                + "in this role is compromised), *target* (it is attacked; an actor's finding that lands on its peer,\n"
                + "because the actor is outside the network, makes that peer the target) or *observed* (behaviour to\n"
                + "look into). `alerts` says whether the type raises an alert in `vigil serve` by default (the alert\n"
                + "policy, see [operations](operations.md#alerts), may say otherwise). `weakness` groups the types that\n"
                + "describe one weakness in `finding-groups.json` (one group per device and weakness), and `urgency`\n"
                + "ranks the plan: *exploited* (attackers are known to use it), *exposed* (a secret or a service is out,\n"
                + "or the device is attacked now), *hardening*; a compromised device's actions come before all of them.\n"
                + "`factor` is the trust factor it costs; `signals` what it tells the risk assessment and the metrics\n"
                + "beyond its severity (*internet_reachable*, *known_exploited*, *firmware_checked*,\n"
                + "*firmware_outdated*, *firmware_vulnerable*); `supersedes` the types it says better about the same\n"
                + "device and peer (only it is reported; a finding that names its peer only in its `destination`\n"
                + "evidence is about that peer), `supersedes_on_device` those it says better about the same device\n"
                + "whatever their peer. `remedy` is the action of the plan that removes it: the first\n"
                + "alternative whose device role and evidence match, naming one of the actions below, whose words take\n"
                + "`{field}` from the evidence (`{field|otherwise}`, `[…]` only when its fields are there, `{items}` what\n"
                + "each finding of the action adds); findings whose action has the same key are one action.\n\n"
                + "Standards: ETSI EN 303 645 V2.1.1 provisions (5.1-1 … 5.13-1) and the OWASP IoT Top 10 (2018)\n"
                + "items I1 (weak, guessable or hard-coded passwords) … I10 (lack of physical hardening).\n"
                + "`points` and `half_life_days` are the weight a finding carries in scoring and how fast it\n"
                + "fades once no longer seen.\n\n"
                + "Bundled captures are under `vigil-engine/src/test/resources/captures`; `../shared/data/…` ones are\n"
                + "in the shared data set (tests skip them when it is absent).\n\n");
        s.append("| type | severity | title | role | alerts | ETSI EN 303 645 | OWASP IoT | proven on |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        List<JsonNode> all = new ArrayList<>();
        catalog.get("types").forEach(all::add);
        for (JsonNode t : all) {
            String type = t.get("type").asText();
            s.append("| [`").append(type).append("`](#").append(type.replace(".", "")).append(") | ")
                    .append(t.get("severity").asText()).append(" | ").append(t.get("title").asText()).append(" | ")
                    .append(t.get("role").asText()).append(" | ").append(t.get("alert").asBoolean() ? "yes" : "no").append(" | ")
                    .append(join(t.get("etsi"))).append(" | ").append(join(t.get("owasp"))).append(" | ")
                    .append(provenOn(type, captures)).append(" |\n");
        }
        // details grouped by category, in the order categories first appear
        List<String> categories = new ArrayList<>();
        for (JsonNode t : all) {
            if (!categories.contains(t.get("category").asText())) {
                categories.add(t.get("category").asText());
            }
        }
        List<JsonNode> grouped = new ArrayList<>();
        for (String c : categories) {
            all.stream().filter(t -> t.get("category").asText().equals(c)).forEach(grouped::add);
        }
        String category = null;
        for (JsonNode t : grouped) {
            String c = t.get("category").asText();
            if (!c.equals(category)) {
                category = c;
                s.append("\n## ").append(Character.toUpperCase(c.charAt(0))).append(c.substring(1)).append("\n");
            }
            String type = t.get("type").asText();
            s.append("\n### ").append(type).append("\n\n");
            s.append("**").append(t.get("title").asText()).append("** (default severity ")
                    .append(t.get("severity").asText()).append(", ").append(t.get("points").asInt())
                    .append(" points, half-life ").append(t.get("half_life_days").asInt()).append(" days; role ")
                    .append(t.get("role").asText()).append("; ").append(t.get("alert").asBoolean() ? "alerts" : "no alert")
                    .append("; weakness `").append(t.get("weakness").asText()).append("`, urgency ")
                    .append(t.get("urgency").asText()).append(")\n\n");
            s.append("- What it means: ").append(t.get("meaning").asText()).append("\n");
            s.append("- Why it matters: ").append(t.get("why").asText()).append("\n");
            s.append("- How to fix it: ").append(t.get("fix").asText()).append("\n");
            s.append("- Standards: ETSI EN 303 645 ").append(join(t.get("etsi"))).append("; OWASP IoT Top 10 ")
                    .append(join(t.get("owasp"))).append("\n");
            s.append("- Trust factor ").append(t.get("factor").asText())
                    .append(t.get("signals").isEmpty() ? "" : "; signals " + join(t.get("signals")))
                    .append(t.get("supersedes").isEmpty() ? "" : "; supersedes " + join(t.get("supersedes")))
                    .append(t.get("supersedes_on_device").isEmpty() ? ""
                            : "; supersedes on the device, whatever the peer, " + join(t.get("supersedes_on_device")))
                    .append("\n");
            s.append("- In the plan: ").append(remedy(t.get("remedy"), catalog.get("actions"))).append("\n");
            s.append("- Proven on: ").append(provenOn(type, captures)).append("\n");
        }
        s.append("\n## Actions\n\nThe plan's actions, by name: the key that makes findings one action, and its words.\n\n"
                + "| action | key | words |\n|---|---|---|\n");
        catalog.get("actions").fields().forEachRemaining(a -> s.append("| ").append(a.getKey()).append(" | `")
                .append(a.getValue().get("key").asText().replace("|", "\\|")).append("` | ").append(a.getValue().get("text").asText().replace("|", "\\|"))
                .append(" |\n"));
        return s.toString();
    }

    /** A type's remedy alternatives in words: "isolate_and_reflash when the device is the actor, else block_attacker". */
    private static String remedy(JsonNode alternatives, JsonNode actions) {
        if (alternatives.isEmpty()) {
            return "nothing to do (informational)";
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode r : alternatives) {
            List<String> when = new ArrayList<>();
            if (r.has("role")) {
                when.add("the device is the " + r.get("role").asText());
            }
            r.path("when").fields().forEachRemaining(w -> when.add("`" + w.getKey() + "` is " + w.getValue().asText()));
            List<String> values = new ArrayList<>();
            r.path("with").fields().forEachRemaining(w -> values.add("`" + w.getKey() + "` = " + w.getValue().asText()));
            String with = values.isEmpty() ? "" : " (" + String.join(", ", values) + ")";
            parts.add("*" + r.get("action").asText() + "*" + with + (when.isEmpty() ? "" : " when " + String.join(" and ", when)));
        }
        return String.join(", else ", parts);
    }

    private static String provenOn(String type, Map<String, TreeSet<String>> captures) {
        if (captures.containsKey(type)) {
            return String.join(", ", captures.get(type));
        }
        return OTHER_TESTS.getOrDefault(type, "no test capture yet");
    }

    private static String join(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return String.join(", ", out);
    }

    @Test
    void docsFindingsMdMatchesTheCatalogue() throws Exception {
        Path doc = TestData.repoRoot().resolve("docs/findings.md");
        String expected = render();
        if (Boolean.getBoolean("vigil.golden.update")) {
            Files.createDirectories(doc.getParent());
            Files.writeString(doc, expected);
        }
        assertThat(doc).as("docs/findings.md (regenerate with ./test --update-golden)").exists();
        assertThat(Files.readString(doc)).isEqualTo(expected);
    }

    @Test
    void everyTypeIsDocumentedCompletely() throws Exception {
        JsonNode catalog;
        try (InputStream in = FindingsDocTest.class.getResourceAsStream("/findings/catalog.json")) {
            catalog = new ObjectMapper().readTree(in);
        }
        for (JsonNode t : catalog.get("types")) {
            for (String f : List.of("type", "severity", "category", "role", "weakness", "urgency", "title", "meaning", "why",
                    "fix")) {
                assertThat(t.path(f).asText()).as("%s of %s", f, t.path("type")).isNotBlank();
            }
            assertThat(t.path("etsi").size()).as("ETSI provisions of %s", t.path("type")).isPositive();
            assertThat(t.path("owasp").size()).as("OWASP items of %s", t.path("type")).isPositive();
        }
    }
}
