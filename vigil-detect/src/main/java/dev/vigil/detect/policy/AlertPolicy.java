package dev.vigil.detect.policy;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Which findings raise alerts, and what a new occurrence does to an alert: the catalogue's
 * {@code alert} field per type, a lowest severity, and types added or silenced, from
 * {@code policy/alerts.properties} (the documented defaults) and optionally a user file in the same
 * format. An alert is raised once per finding (its type, device and peer); more evidence updates it,
 * and evidence after it was resolved opens it again.
 */
public final class AlertPolicy {

    static final String RESOURCE = "/policy/alerts.properties";
    static final Set<String> KEYS = Set.of("min_severity", "alert", "silence");

    private final FindingCatalog catalog;
    private final Severity minSeverity;
    private final List<String> alert;
    private final List<String> silence;

    private AlertPolicy(FindingCatalog catalog, Properties p, String source) {
        this.catalog = catalog;
        try {
            this.minSeverity = Severity.parse(p.getProperty("min_severity", "low"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": min_severity: " + e.getMessage());
        }
        this.alert = types(catalog, p.getProperty("alert", ""), source, "alert");
        this.silence = types(catalog, p.getProperty("silence", ""), source, "silence");
    }

    public static AlertPolicy defaults() {
        return new AlertPolicy(FindingCatalog.bundled(), bundled(), "alerts.properties");
    }

    /** The defaults with a user file's values on top. */
    public static AlertPolicy load(Path file) throws IOException {
        Properties user = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            user.load(r);
        }
        Properties merged = bundled();
        for (String k : user.stringPropertyNames()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException(file + ": unknown key '" + k + "' (min_severity, alert, silence; see "
                        + "alerts.properties)");
            }
            merged.setProperty(k, user.getProperty(k).trim());
        }
        return new AlertPolicy(FindingCatalog.bundled(), merged, file.toString());
    }

    private static Properties bundled() {
        try (InputStream in = AlertPolicy.class.getResourceAsStream(RESOURCE)) {
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Types and families ("tls.*") of a list, each checked against the catalogue. */
    private static List<String> types(FindingCatalog catalog, String list, String source, String key) {
        List<String> out = new ArrayList<>();
        for (String t : list.split(",")) {
            String x = t.trim();
            if (x.isEmpty()) {
                continue;
            }
            boolean known = x.endsWith(".*") ? catalog.all().stream().anyMatch(ft -> ft.type().startsWith(x.substring(0, x.length() - 1)))
                    : catalog.has(x);
            if (!known) {
                throw new IllegalArgumentException(source + ": " + key + ": '" + x + "' is no finding type of the catalogue "
                        + "(docs/findings.md)");
            }
            out.add(x);
        }
        return List.copyOf(out);
    }

    private static boolean matches(List<String> patterns, String type) {
        for (String p : patterns) {
            if (p.endsWith(".*") ? type.startsWith(p.substring(0, p.length() - 1)) : p.equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** True when a finding of this type and severity raises an alert. */
    public boolean alerts(String type, Severity severity) {
        if (!catalog.has(type) || severity.compareTo(minSeverity) < 0 || matches(silence, type)) {
            return false;
        }
        return catalog.get(type).alert() || matches(alert, type);
    }

    public boolean alerts(Finding f) {
        return alerts(f.type(), f.severity());
    }

    /** What new evidence of an alerting finding does to its alert. */
    public enum AlertAction {
        /** No alert yet: one is raised. */
        RAISE,
        /** The alert was resolved: the new evidence opens it again. */
        REOPEN,
        /** The alert is open or acknowledged: it takes the new severity. */
        UPDATE
    }

    /**
     * What new evidence of an alerting finding ({@link #alerts}) does to its alert.
     *
     * @param status the alert's status (open, acknowledged, resolved), or null when it has none
     */
    public static AlertAction onEvidence(String status) {
        return status == null ? AlertAction.RAISE : status.equals("resolved") ? AlertAction.REOPEN : AlertAction.UPDATE;
    }

    /**
     * When a finding was detected, for the time to detect: the moment its detector decided
     * (evidence {@code detected_at}), else its last evidence.
     */
    public static String detectedAt(Finding f) {
        Object at = f.evidence().get("detected_at");
        return at instanceof String s ? s : f.lastSeen();
    }
}
