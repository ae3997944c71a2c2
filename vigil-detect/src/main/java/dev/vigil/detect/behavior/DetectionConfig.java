package dev.vigil.detect.behavior;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The detection thresholds: the bundled defaults ({@code detection/detection.properties}, where each
 * is documented), optionally overridden by a user file in the same format. Unknown keys and values
 * that are not numbers are refused with the key named.
 */
public final class DetectionConfig {

    private final Properties values;

    private DetectionConfig(Properties values) {
        this.values = values;
    }

    public static DetectionConfig defaults() {
        try (InputStream in = DetectionConfig.class.getResourceAsStream("/detection/detection.properties")) {
            Properties p = new Properties();
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            return new DetectionConfig(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The defaults with a user file's values on top. */
    public static DetectionConfig load(Path file) throws IOException {
        DetectionConfig base = defaults();
        Properties user = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            user.load(r);
        }
        Properties merged = new Properties();
        merged.putAll(base.values);
        for (String k : user.stringPropertyNames()) {
            if (!base.values.containsKey(k)) {
                throw new IllegalArgumentException(file + ": unknown key '" + k + "' (see detection.properties)");
            }
            String v = user.getProperty(k).trim();
            String old = base.values.getProperty(k);
            try {
                if (old.contains(",")) {
                    ports(v);
                } else {
                    Double.parseDouble(v);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": " + k + " = '" + v + "' is not a number");
            }
            merged.setProperty(k, v);
        }
        return new DetectionConfig(merged);
    }

    private String raw(String key) {
        String v = values.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("no detection setting '" + key + "'");
        }
        return v.trim();
    }

    public int integer(String key) {
        return (int) Math.round(Double.parseDouble(raw(key)));
    }

    public double number(String key) {
        return Double.parseDouble(raw(key));
    }

    /** Seconds as nanoseconds. */
    public long nanos(String key) {
        return (long) (Double.parseDouble(raw(key)) * 1e9);
    }

    public Set<Integer> portSet(String key) {
        return ports(raw(key));
    }

    private static Set<Integer> ports(String v) {
        Set<Integer> out = new HashSet<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(Integer.parseInt(s.trim()));
            }
        }
        return out;
    }

    /** Every key, for documentation and tests. */
    public Set<String> keys() {
        return new TreeSet<>(values.stringPropertyNames());
    }

    @Override
    public String toString() {
        return Arrays.toString(keys().toArray());
    }
}
