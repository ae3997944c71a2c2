package dev.vigil.detect.segmentation;

/**
 * A policy file that cannot be used, with where and why: its message is the one line a person
 * reads ("office.policy:12: unknown zone 'camras' (zones: cameras, nvr)").
 */
public final class PolicyException extends Exception {

    private final String file;
    private final int line;
    private final String problem;

    public PolicyException(String file, int line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** The line (1-based), or 0 when the problem is the file as a whole. */
    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
