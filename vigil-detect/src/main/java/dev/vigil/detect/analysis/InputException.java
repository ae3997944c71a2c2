package dev.vigil.detect.analysis;

/** An input that cannot be analysed: missing, unreadable, or not a capture or flow log. One clear line. */
public final class InputException extends Exception {

    public InputException(String message) {
        super(message);
    }
}
