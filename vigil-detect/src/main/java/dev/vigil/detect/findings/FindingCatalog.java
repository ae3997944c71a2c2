package dev.vigil.detect.findings;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The finding catalogue: every finding type Vigil can report and the remediation actions that fix
 * them, loaded from findings/catalog.json and checked as it loads (a type that names an unknown
 * action, role, factor, signal or superseded type is a programmer's error).
 */
public final class FindingCatalog {

    private static volatile FindingCatalog bundled;

    static final Set<String> ROLES = Set.of("weakness", "actor", "target", "observed");
    static final Set<String> URGENCIES = Set.of("exploited", "exposed", "hardening");
    static final Set<String> FACTORS = Set.of("hygiene", "vulnerability", "behavior", "identity");
    static final Set<String> SIGNALS = Set.of("internet_reachable", "known_exploited", "firmware_checked",
            "firmware_outdated", "firmware_vulnerable");

    /** The resource's shape: the actions, then the types. */
    record Resource(Map<String, FindingType.Action> actions, List<FindingType> types) {
    }

    private final Map<String, FindingType> byType = new LinkedHashMap<>();
    private final Map<String, FindingType.Action> actions;

    private FindingCatalog(Resource r) {
        this.actions = Map.copyOf(r.actions());
        for (FindingType t : r.types()) {
            if (byType.put(t.type(), t) != null) {
                throw new IllegalStateException("finding type " + t.type() + " is defined twice");
            }
        }
        for (FindingType t : byType.values()) {
            check(t);
        }
        actions.values().forEach(a -> {
            RemedyText.check(a.key());
            RemedyText.check(a.text());
        });
    }

    private void check(FindingType t) {
        if (!ROLES.contains(t.role()) || !URGENCIES.contains(t.urgency()) || t.weakness() == null
                || !FACTORS.contains(t.factor()) || !SIGNALS.containsAll(t.signals())) {
            throw new IllegalStateException("finding type " + t.type() + ": role must be one of " + ROLES + ", urgency one of "
                    + URGENCIES + ", factor one of " + FACTORS + ", signals of " + SIGNALS + ", and weakness given");
        }
        for (List<String> superseded : List.of(t.supersedes(), t.supersedesOnDevice())) {
            for (String s : superseded) {
                if (!byType.containsKey(s)) {
                    throw new IllegalStateException("finding type " + t.type() + " supersedes " + s + ", which is no type");
                }
            }
        }
        for (FindingType.Remedy r : t.remedy()) {
            if (!actions.containsKey(r.action()) || r.role() != null && !ROLES.contains(r.role())) {
                throw new IllegalStateException("finding type " + t.type() + ": remedy " + r + " names no action or role");
            }
        }
    }

    public static FindingCatalog bundled() {
        FindingCatalog c = bundled;
        if (c == null) {
            ObjectMapper json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
            try (InputStream in = FindingCatalog.class.getResourceAsStream("/findings/catalog.json")) {
                c = new FindingCatalog(json.readValue(in, Resource.class));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the finding catalogue", e);
            }
            bundled = c;
        }
        return c;
    }

    public FindingType get(String type) {
        FindingType t = byType.get(type);
        if (t == null) {
            throw new IllegalArgumentException("finding type " + type + " is not in the catalogue");
        }
        return t;
    }

    /**
     * The device's part in a finding: what the finding says, or (a finding stored before it said so)
     * the catalogue's role for its type.
     */
    public String role(Finding f) {
        return f.device().role() != null ? f.device().role() : get(f.type()).role();
    }

    /** A detection that shows the device itself doing it (scanning, C2, spreading): compromise. */
    public boolean compromise(Finding f) {
        return "detection".equals(get(f.type()).category()) && "actor".equals(role(f));
    }

    /** True when the finding's type gives this signal ({@link FindingType#signals}). */
    public boolean signals(Finding f, String signal) {
        return has(f.type()) && get(f.type()).signals(signal);
    }

    /**
     * What removes a finding: the first of its type's remedies whose role and evidence match, or
     * null when nothing needs doing.
     */
    public FindingType.Remedy remedy(Finding f) {
        String role = role(f);
        for (FindingType.Remedy r : get(f.type()).remedy()) {
            if (r.role() != null && !r.role().equals(role)) {
                continue;
            }
            boolean matches = true;
            for (Map.Entry<String, String> w : r.when().entrySet()) {
                Object v = f.evidence().get(w.getKey());
                matches &= v != null && w.getValue().equals(String.valueOf(v));
            }
            if (matches) {
                return r;
            }
        }
        return null;
    }

    /** A remediation action by its name. */
    public FindingType.Action action(String name) {
        return actions.get(name);
    }

    public boolean has(String type) {
        return byType.containsKey(type);
    }

    public Collection<FindingType> all() {
        return byType.values();
    }
}
