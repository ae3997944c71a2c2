package dev.vigil.detect.behavior;

import dev.vigil.detect.config.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * The detection thresholds: the bundled defaults ({@code detection/detection.properties}, where each
 * is documented), optionally overridden by a user file in the same format.
 */
public final class DetectionConfig implements java.io.Serializable {

    static final String RESOURCE = "/detection/detection.properties";

    private final Settings settings;

    private DetectionConfig(Settings settings) {
        this.settings = settings;
    }

    public static DetectionConfig defaults() {
        return new DetectionConfig(Settings.bundled(RESOURCE));
    }

    /** The defaults with a user file's values on top. */
    public static DetectionConfig load(Path file) throws IOException {
        return new DetectionConfig(Settings.load(RESOURCE, file));
    }

    public int integer(String key) {
        return settings.integer(key);
    }

    public double number(String key) {
        return settings.number(key);
    }

    /** Seconds as nanoseconds. */
    public long nanos(String key) {
        return settings.nanos(key);
    }

    public Set<Integer> portSet(String key) {
        return settings.integers(key);
    }

    public Set<String> keys() {
        return settings.keys();
    }
}
