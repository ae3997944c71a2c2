package dev.vigil.detect.findings;

import com.fasterxml.jackson.core.type.TypeReference;
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

/** The finding catalogue: every finding type Vigil can report, loaded from findings/catalog.json. */
public final class FindingCatalog {

    private static volatile FindingCatalog bundled;

    private final Map<String, FindingType> byType = new LinkedHashMap<>();

    static final java.util.Set<String> ROLES = java.util.Set.of("weakness", "actor", "target", "observed");
    static final java.util.Set<String> URGENCIES = java.util.Set.of("exploited", "exposed", "hardening");

    private FindingCatalog(List<FindingType> types) {
        for (FindingType t : types) {
            if (byType.put(t.type(), t) != null) {
                throw new IllegalStateException("finding type " + t.type() + " is defined twice");
            }
            if (!ROLES.contains(t.role()) || !URGENCIES.contains(t.urgency()) || t.weakness() == null) {
                throw new IllegalStateException("finding type " + t.type() + ": role must be one of " + ROLES
                        + ", urgency one of " + URGENCIES + ", and weakness given");
            }
        }
    }

    public static FindingCatalog bundled() {
        FindingCatalog c = bundled;
        if (c == null) {
            ObjectMapper json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
            try (InputStream in = FindingCatalog.class.getResourceAsStream("/findings/catalog.json")) {
                c = new FindingCatalog(json.readValue(in, new TypeReference<List<FindingType>>() { }));
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

    public boolean has(String type) {
        return byType.containsKey(type);
    }

    public Collection<FindingType> all() {
        return byType.values();
    }
}
