package dev.vigil.detect.trust;

import dev.vigil.detect.config.Settings;
import java.io.IOException;
import java.nio.file.Path;

/** Trust and risk weights: {@code trust/trust.properties}, optionally overridden by a user file. */
public final class TrustConfig {

    static final String RESOURCE = "/trust/trust.properties";

    private final Settings settings;

    private TrustConfig(Settings settings) {
        this.settings = settings;
    }

    public static TrustConfig defaults() {
        return new TrustConfig(Settings.bundled(RESOURCE));
    }

    public static TrustConfig load(Path file) throws IOException {
        return new TrustConfig(Settings.load(RESOURCE, file));
    }

    double number(String key) {
        return settings.number(key);
    }

    double number(String key, double otherwise) {
        return settings.has(key) ? settings.number(key) : otherwise;
    }
}
