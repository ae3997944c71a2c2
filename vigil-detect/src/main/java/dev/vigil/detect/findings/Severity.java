package dev.vigil.detect.findings;

import java.util.Locale;

/** Finding severities, in order. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    @com.fasterxml.jackson.annotation.JsonCreator
    public static Severity parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown severity '" + s + "' (info, low, medium, high, critical)");
        }
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
