package dev.vigil.detect.segmentation.mud;

/**
 * A MUD file that cannot be used, with where and why, as one line:
 * "lightbulb.json:14:23: unknown member 'protocl' in ipv4 (RFC 8519 ietf-packet-fields)".
 */
public final class MudFormatException extends Exception {

    private final int line;

    public MudFormatException(String file, int line, int column, String problem) {
        super(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + problem);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
