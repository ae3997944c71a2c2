package dev.vigil.engine.event;

/**
 * A credential's secret part (password, community string, token) as seen on the wire. It prints
 * masked everywhere as the same {@link #MASK}, so a log or a report cannot leak it, nor its first
 * character or length (which narrow a guess), by accident. Detectors that must compare it
 * (default-password lists) ask for {@link #reveal()} explicitly.
 *
 * @param value the secret in clear
 */
public record Secret(String value) {

    public String reveal() {
        return value;
    }

    /** What every secret prints as, whatever it is. */
    public static final String MASK = "********";

    /** {@link #MASK}; an empty secret prints as "(empty)", which is the finding itself. */
    public String masked() {
        return value.isEmpty() ? "(empty)" : MASK;
    }

    @Override
    public String toString() {
        return masked();
    }
}
