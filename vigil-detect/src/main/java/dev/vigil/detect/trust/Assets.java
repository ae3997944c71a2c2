package dev.vigil.detect.trust;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.vigil.detect.inventory.Device;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the organisation knows about its devices and traffic cannot show: owner, location, how
 * critical a device is and what it touches. A CSV file with a header: {@code device} (an inventory id,
 * a MAC or an IP address), {@code owner}, {@code location}, {@code criticality} (low, medium, high,
 * critical) and {@code tags} (any of medical, industrial, safety, sensitive-data; separated by ";").
 */
public final class Assets {

    /** One device's record. */
    public record Asset(String owner, String location, String criticality, List<String> tags) {
    }

    static final Set<String> CRITICALITY = Set.of("low", "medium", "high", "critical");
    static final Set<String> TAGS = Set.of("medical", "industrial", "safety", "sensitive-data");

    private final Map<String, Asset> byKey = new HashMap<>();

    public static Assets none() {
        return new Assets();
    }

    /** Records keyed by device id, MAC or address (what a store keeps per device). */
    public static Assets of(Map<String, Asset> records) {
        Assets a = new Assets();
        records.forEach((k, v) -> a.byKey.put(k.toLowerCase(Locale.ROOT), v));
        return a;
    }

    public static Assets load(Path file) throws IOException {
        Assets a = new Assets();
        CsvMapper m = new CsvMapper();
        m.enable(CsvParser.Feature.TRIM_SPACES);
        m.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                MappingIterator<Map<String, String>> it = m.readerForMapOf(String.class)
                        .with(CsvSchema.emptySchema().withHeader().withComments()).readValues(r)) {
            int line = 1;
            while (it.hasNext()) {
                line++;
                Map<String, String> row = it.next();
                String key = blank(row.get("device"));
                if (key == null) {
                    throw new IllegalArgumentException(file + ":" + line + ": the device column is empty");
                }
                String crit = blank(row.get("criticality"));
                if (crit != null && !CRITICALITY.contains(crit.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException(file + ":" + line + ": criticality must be low, medium, high or critical");
                }
                List<String> tags = new ArrayList<>();
                String t = blank(row.get("tags"));
                if (t != null) {
                    for (String x : t.split("[;|]")) {
                        String tag = x.trim().toLowerCase(Locale.ROOT);
                        if (!tag.isEmpty() && !TAGS.contains(tag)) {
                            throw new IllegalArgumentException(file + ":" + line + ": unknown tag '" + tag
                                    + "' (medical, industrial, safety, sensitive-data)");
                        }
                        if (!tag.isEmpty()) {
                            tags.add(tag);
                        }
                    }
                }
                a.byKey.put(key.toLowerCase(Locale.ROOT), new Asset(blank(row.get("owner")), blank(row.get("location")),
                        crit == null ? null : crit.toLowerCase(Locale.ROOT), List.copyOf(tags)));
            }
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file + ": not a CSV assets file (" + e.getOriginalMessage() + ")");
        }
        return a;
    }

    /** The record of a device, matched by id, MAC or any of its addresses; null when none. */
    public Asset of(Device d) {
        Asset a = byKey.get(d.id().toLowerCase(Locale.ROOT));
        if (a == null && d.mac() != null) {
            a = byKey.get(d.mac().toLowerCase(Locale.ROOT));
        }
        if (a == null) {
            for (Device.Address ip : d.ips()) {
                a = byKey.get(ip.ip().toLowerCase(Locale.ROOT));
                if (a != null) {
                    break;
                }
            }
        }
        return a;
    }

    public int size() {
        return byKey.size();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
