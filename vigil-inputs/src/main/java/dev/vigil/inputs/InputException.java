package dev.vigil.inputs;

/** An input that cannot be read: its message is the one line the user sees (exit code 2). */
public final class InputException extends Exception {

    public InputException(String message) {
        super(message);
    }
}
