package dev.vigil.detect.findings;

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
 * Which findings raise alerts: the catalogue's {@code alert} field per type, a lowest severity, and
 * types added or silenced, from {@code findings/alerts.properties} (the documented defaults) and
 * optionally a user file in the same format.
 */
public final class AlertPolicy {

    static final String RESOURCE = "/findings/alerts.properties";
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
}
