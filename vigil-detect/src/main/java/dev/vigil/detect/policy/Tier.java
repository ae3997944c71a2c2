package dev.vigil.detect.policy;

import java.util.Locale;

/** How far a device is trusted, best first: what the policy lets it do follows from it. */
public enum Tier {
    TRUSTED, RESTRICTED, QUARANTINED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The tier of a label ("restricted"). */
    public static Tier of(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
