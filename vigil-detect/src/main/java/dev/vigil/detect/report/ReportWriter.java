package dev.vigil.detect.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingGroups;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.trust.Assessor;
import dev.vigil.detect.trust.Assets;
import dev.vigil.detect.trust.RemediationPlanner;
import dev.vigil.detect.trust.RiskAssessor;
import dev.vigil.detect.trust.TrustScorer;
import java.util.List;
import java.util.Map;

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

    /** The report page: the template with the analysis embedded as JSON. */
    public static String html(AnalysisResult result) throws IOException {
        String template;
        try (InputStream in = ReportWriter.class.getResourceAsStream("/report/report.html")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("summary", result.summary());
        data.put("devices", inventory(result));
        data.put("findings", result.findings());
        data.put("groups", groups(result));
        // inside <script>: "</" would end the element, and U+2028/2029 end a JS string in old engines
        String json = JSON.writeValueAsString(data).replace("</", "<\\/").replace("\u2028", "\\u2028")
                .replace("\u2029", "\\u2029");
        return template.replace("/*VIGIL_DATA*/null", json);
    }

    private static void atomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
