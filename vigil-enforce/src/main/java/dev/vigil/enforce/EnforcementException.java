package dev.vigil.enforce;

/** An enforcement action that did not happen; the message is one line saying why, and nothing changed. */
public final class EnforcementException extends Exception {

    public EnforcementException(String message) {
        super(message);
    }
}
