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

    private FindingCatalog(List<FindingType> types) {
        for (FindingType t : types) {
            if (byType.put(t.type(), t) != null) {
                throw new IllegalStateException("finding type " + t.type() + " is defined twice");
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

    public boolean has(String type) {
        return byType.containsKey(type);
    }

    public Collection<FindingType> all() {
        return byType.values();
    }
}
