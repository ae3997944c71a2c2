package dev.vigil.detect.inventory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The classification rules (resource inventory/rules.tsv; a user may pass their own file). Rules
 * are indexed by source so an observation is tested only against rules that can match it; domain
 * rules are looked up by suffix.
 */
public final class Rules {

    static final Set<String> ATTRIBUTES = Set.of("type", "vendor", "model", "os", "firmware");
    static final Set<String> DOMAIN_SOURCES = Set.of("dns.query", "tls.sni");

    private static volatile Rules bundled;

    private final List<Rule> all;
    private final Map<String, List<Rule>> bySource = new HashMap<>();
    private final Map<String, List<Rule>> byDomain = new HashMap<>();
    private final Map<String, List<Rule>> forSource = new java.util.concurrent.ConcurrentHashMap<>();

    private Rules(List<Rule> rules) {
        this.all = List.copyOf(rules);
        for (Rule r : rules) {
            if (r.domain() != null) {
                byDomain.computeIfAbsent(r.domain(), k -> new ArrayList<>()).add(r);
            } else {
                bySource.computeIfAbsent(r.source(), k -> new ArrayList<>()).add(r);
            }
        }
    }

    public static Rules bundled() {
        Rules r = bundled;
        if (r == null) {
            try (InputStream in = Rules.class.getResourceAsStream("/inventory/rules.tsv")) {
                r = parse(in, "inventory/rules.tsv");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bundled = r;
        }
        return r;
    }

    public static Rules load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        }
    }

    /** Parses the TSV format; a bad line fails with its line number. */
    public static Rules parse(InputStream in, String name) throws IOException {
        List<Rule> rules = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length < 5) {
                throw new IllegalArgumentException(name + ":" + n + ": expected source, pattern, attribute, value, weight");
            }
            String attribute = f[2].trim();
            if (!ATTRIBUTES.contains(attribute)) {
                throw new IllegalArgumentException(name + ":" + n + ": unknown attribute '" + attribute + "'");
            }
            double weight;
            try {
                weight = Double.parseDouble(f[4].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ":" + n + ": weight '" + f[4] + "' is not a number");
            }
            if (weight <= 0 || weight > 1) {
                throw new IllegalArgumentException(name + ":" + n + ": weight must be in (0, 1]");
            }
            String source = f[0].trim();
            if (source.equals("domain")) {
                rules.add(new Rule(source, null, f[1].trim().toLowerCase(java.util.Locale.ROOT), attribute, f[3].trim(),
                        weight, n));
                continue;
            }
            Pattern p;
            try {
                p = Pattern.compile(f[1], Pattern.CASE_INSENSITIVE);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(name + ":" + n + ": bad pattern: " + e.getDescription());
            }
            rules.add(new Rule(source, p, null, attribute, f[3].trim(), weight, n));
        }
        return new Rules(rules);
    }

    public List<Rule> all() {
        return all;
    }

    /** The device types of docs/inventory.md (and of the header of inventory/rules.tsv). */
    public static final List<String> TYPE_VOCABULARY = List.of("camera", "printer", "smart_speaker", "thermostat", "lock",
            "hub", "tv", "phone", "computer", "router", "switch", "industrial_controller", "medical_device", "sensor", "plug", "light",
            "appliance", "unknown");

    /** Every device type: the documented ones and any other these rules give, sorted. */
    public java.util.SortedSet<String> types() {
        java.util.SortedSet<String> out = new java.util.TreeSet<>(TYPE_VOCABULARY);
        for (Rule r : all) {
            if (r.attribute().equals("type") && r.value().indexOf('$') < 0) {
                out.add(r.value().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return java.util.Collections.unmodifiableSortedSet(out);
    }

    /** The type of a device no rule classified. */
    public static final String UNKNOWN_TYPE = "unknown";

    /** Regex rules that apply to observations of {@code source} (exact source or a prefix of it). */
    List<Rule> forSource(String source) {
        return forSource.computeIfAbsent(source, s -> {
            List<Rule> out = new ArrayList<>();
            for (Map.Entry<String, List<Rule>> e : bySource.entrySet()) {
                String k = e.getKey();
                if (s.equals(k) || s.startsWith(k + ".")) {
                    out.addAll(e.getValue());
                }
            }
            out.sort(java.util.Comparator.comparingInt(Rule::line));
            return List.copyOf(out);
        });
    }

    /** Domain rules matching a name or any of its parent domains. */
    List<Rule> forDomain(String name) {
        List<Rule> out = null;
        String d = name;
        while (true) {
            List<Rule> l = byDomain.get(d);
            if (l != null) {
                if (out == null) {
                    out = new ArrayList<>(l);
                } else {
                    out.addAll(l);
                }
            }
            int dot = d.indexOf('.');
            if (dot < 0) {
                break;
            }
            d = d.substring(dot + 1);
        }
        return out == null ? List.of() : out;
    }
}
