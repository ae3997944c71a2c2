package dev.vigil.detect.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * A documented settings file: the bundled defaults (a properties resource where each key is
 * explained), optionally overridden by a user file in the same format. Unknown keys and values that
 * are not numbers (or comma-separated number lists) are refused with the key named.
 */
public final class Settings {

    private final Properties values;

    private Settings(Properties values) {
        this.values = values;
    }

    /** The bundled defaults. */
    public static Settings bundled(String resource) {
        try (InputStream in = Settings.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no bundled settings " + resource);
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return new Settings(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The defaults with a user file's values on top. */
    public static Settings load(String resource, Path file) throws IOException {
        Settings base = bundled(resource);
        Properties user = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            user.load(r);
        }
        Properties merged = new Properties();
        merged.putAll(base.values);
        String doc = resource.substring(resource.lastIndexOf('/') + 1);
        for (String k : user.stringPropertyNames()) {
            if (!base.values.containsKey(k)) {
                throw new IllegalArgumentException(file + ": unknown key '" + k + "' (see " + doc + ")");
            }
            String v = user.getProperty(k).trim();
            try {
                if (base.values.getProperty(k).contains(",")) {
                    numbers(v);
                } else {
                    Double.parseDouble(v);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": " + k + " = '" + v + "' is not a number");
            }
            merged.setProperty(k, v);
        }
        return new Settings(merged);
    }

    private String raw(String key) {
        String v = values.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("no setting '" + key + "'");
        }
        return v.trim();
    }

    public boolean has(String key) {
        return values.containsKey(key);
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

    public Set<Integer> integers(String key) {
        return numbers(raw(key));
    }

    private static Set<Integer> numbers(String v) {
        Set<Integer> out = new HashSet<>();
        for (String s : v.split(",")) {
            if (!s.isBlank()) {
                out.add(Integer.parseInt(s.trim()));
            }
        }
        return out;
    }

    public Set<String> keys() {
        return new TreeSet<>(values.stringPropertyNames());
    }
}
