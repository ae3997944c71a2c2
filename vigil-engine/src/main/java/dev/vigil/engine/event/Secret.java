package dev.vigil.engine.event;

/**
 * A credential's secret part (password, community string, token) as seen on the wire. It prints
 * masked everywhere: {@link #toString()} shows its length and first character only, so a log or a
 * report cannot leak it by accident. Detectors that must compare it (default-password lists) ask
 * for {@link #reveal()} explicitly.
 *
 * @param value the secret in clear
 */
public record Secret(String value) {

    public String reveal() {
        return value;
    }

    /** "p*******" style hint: the first character, then one star per remaining character (max 8). */
    public String masked() {
        if (value.isEmpty()) {
            return "(empty)";
        }
        return value.charAt(0) + "*".repeat(Math.min(8, value.length() - 1)) + " (" + value.length() + " chars)";
    }

    @Override
    public String toString() {
        return masked();
    }
}
