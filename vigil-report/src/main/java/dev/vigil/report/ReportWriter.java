package dev.vigil.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingGroups;
import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.trust.Assessor;
import dev.vigil.detect.trust.Assets;
import dev.vigil.detect.trust.RemediationPlanner;
import dev.vigil.detect.trust.RiskAssessor;
import dev.vigil.detect.trust.TrustScorer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the contract files of {@code vigil analyze} into a directory: summary.json, inventory.json,
 * findings.jsonl (one finding a line), finding-groups.json (the findings by device and weakness),
 * plan.json, trust-events.jsonl and report.html (one self-contained page). Files are written to a
 * temporary name and renamed, so a reader never sees half a file.
 */
public final class ReportWriter {

    /** snake_case JSON, as the contract spells it; the same input gives the same bytes. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private ReportWriter() {
    }

    /**
     * A line of inventory.json: the device, what Vigil concludes about it (trust, risk, the actions
     * that would cut its risk and its plan: all of them together) and what the organisation said about
     * it (owner, location, criticality).
     */
    public record InventoryEntry(@com.fasterxml.jackson.annotation.JsonUnwrapped Device device,
            TrustScorer.Trust trust, RiskAssessor.Risk risk, List<RemediationPlanner.Action> actions,
            RemediationPlanner.Plan plan, Assets.Asset asset) {
    }

    /** The inventory as inventory.json carries it. */
    public static List<InventoryEntry> inventory(AnalysisResult result) {
        List<InventoryEntry> out = new java.util.ArrayList<>();
        for (Device d : result.devices()) {
            Assessor.DeviceAssessment a = result.assessment() == null ? null : result.assessment().devices().get(d.id());
            out.add(a == null ? new InventoryEntry(d, null, null, List.of(), null, null)
                    : new InventoryEntry(d, a.trust(), a.risk(), a.actions(), a.plan(), a.asset()));
        }
        return out;
    }

    public static void write(Path dir, AnalysisResult result) throws IOException {
        Files.createDirectories(dir);
        atomically(dir.resolve("summary.json"), pretty(result.summary()) + "\n");
        atomically(dir.resolve("inventory.json"), pretty(inventory(result)) + "\n");
        if (result.assessment() != null) {
            atomically(dir.resolve("plan.json"), pretty(result.assessment().plan()) + "\n");
            StringBuilder events = new StringBuilder();
            for (TrustScorer.TierChange c : result.assessment().tierChanges()) {
                events.append(JSON.writeValueAsString(c)).append('\n');
            }
            atomically(dir.resolve("trust-events.jsonl"), events.toString());
        }
        StringBuilder lines = new StringBuilder();
        for (Finding f : result.findings()) {
            lines.append(JSON.writeValueAsString(f)).append('\n');
        }
        atomically(dir.resolve("findings.jsonl"), lines.toString());
        atomically(dir.resolve("finding-groups.json"), pretty(groups(result)) + "\n");
        atomically(dir.resolve("report.html"), html(result));
    }

    /** The findings by device and weakness; members are line numbers of findings.jsonl (from 0). */
    public static List<FindingGroups.Group> groups(AnalysisResult result) {
        return FindingGroups.of(result.findings(), FindingCatalog.bundled());
    }

    /** Writes one JSON value per line, atomically. */
    public static void writeJsonLines(Path file, List<?> items) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Object o : items) {
            lines.append(JSON.writeValueAsString(o)).append('\n');
        }
        atomically(file, lines.toString());
    }

    public static String pretty(Object o) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The report page: the template with the analysis embedded as JSON and its content security
     * policy in a meta element, so the file holds to it wherever it is opened.
     */
    public static String html(AnalysisResult result) throws IOException {
        String template = template();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("summary", result.summary());
        data.put("devices", inventory(result));
        data.put("findings", result.findings());
        Map<String, String> main = new LinkedHashMap<>();
        result.devices().forEach(d -> main.put(d.id(), d.mainAddress()));
        data.put("main_addresses", main);
        data.put("groups", groups(result));
        String page = template.replace("/*VIGIL_DATA*/null", scriptJson(JSON.writeValueAsString(data)));
        Matcher head = HEAD.matcher(page);
        if (!head.find()) {
            throw new IllegalStateException("the report template has no <head>");
        }
        return page.substring(0, head.end()) + "\n<meta http-equiv=\"Content-Security-Policy\" content=\""
                + policy(template) + "\">" + page.substring(head.end());
    }

    /**
     * The policy to send with the page over HTTP: the meta element's, and never framed
     * (frame-ancestors works only in a header).
     */
    public static String contentSecurityPolicy() throws IOException {
        return policy(template()) + "; frame-ancestors 'none'";
    }

    private static final Pattern HEAD = Pattern.compile("<head(\\s[^>]*)?>");
    private static final Pattern INLINE = Pattern.compile(
            "<(script|style)(\\s[^>]*)?>(.*?)</\\1>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    /**
     * Nothing fetched, nothing run but the page's own inline scripts and style sheets, each allowed
     * by its SHA-256 hash (CSP Level 3 §8.3), never 'unsafe-inline'. The JSON data block is not
     * script and needs no hash; style attributes the page's script sets are allowed.
     */
    static String policy(String template) {
        Set<String> scripts = new LinkedHashSet<>();
        Set<String> styles = new LinkedHashSet<>();
        Matcher m = INLINE.matcher(template);
        while (m.find()) {
            String attrs = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
            if (attrs.contains("src=") || attrs.contains("application/json")) {
                continue;
            }
            String hash = "'sha256-" + Base64.getEncoder().encodeToString(sha256(m.group(3))) + "'";
            (m.group(1).equalsIgnoreCase("script") ? scripts : styles).add(hash);
        }
        return "default-src 'none'; script-src " + (scripts.isEmpty() ? "'none'" : String.join(" ", scripts))
                + "; style-src " + (styles.isEmpty() ? "'none'" : String.join(" ", styles))
                + "; style-src-attr 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
    }

    /**
     * JSON made safe inside a {@code <script>} element: every {@code <}, {@code >} and {@code &}
     * as a JSON escape, so no markup ({@code </script>}, {@code <!--}, which the HTML tokenizer
     * acts on inside script data, WHATWG HTML §13.2.5.4) can appear, and U+2028/2029, which end a
     * line in older JavaScript engines. Outside strings JSON has none of these characters.
     */
    static String scriptJson(String json) {
        StringBuilder out = new StringBuilder(json.length() + 32);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\u2028' -> out.append("\\u2028");
                case '\u2029' -> out.append("\\u2029");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String template() throws IOException {
        try (InputStream in = ReportWriter.class.getResourceAsStream("/report/report.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void atomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
