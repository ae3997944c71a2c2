package dev.vigil.detect.trust;

import dev.vigil.detect.config.Settings;
import dev.vigil.detect.policy.TierPolicy;
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

    /** The tiers' thresholds and hysteresis ({@code tier.trusted}, {@code tier.quarantined}, {@code tier.margin}). */
    public TierPolicy tiers() {
        return new TierPolicy(number("tier.trusted"), number("tier.quarantined"), number("tier.margin"));
    }

    double number(String key) {
        return settings.number(key);
    }

    double number(String key, double otherwise) {
        return settings.has(key) ? settings.number(key) : otherwise;
    }
}
