package dev.vigil.server.api;

/** A request the API refuses: an HTTP status and one clear message. */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String code;

    public ApiError(int status, String message) {
        this(status, message, null);
    }

    /** With a machine-readable {@code code} beside the message (reauth_required, …). */
    public ApiError(int status, String message, String code) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
