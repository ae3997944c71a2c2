package dev.vigil.server.auth;

/**
 * Something auth refuses, with the HTTP status the API answers: 401 (sign-in failed), 403 (a
 * re-authentication or second factor is needed first: {@code code} says which), 409 (a token name
 * in use), 429 (throttled) and 503 (no password check free), with Retry-After for the last two.
 */
public final class Refusal extends RuntimeException {

    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    Refusal(int status, String message, String code, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    /** A machine-readable reason (reauth_required, second_factor_required), or null. */
    public String code() {
        return code;
    }

    /** Seconds to wait before trying again (429, 503), or 0. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static Refusal signIn() {
        return new Refusal(401, Auth.SIGN_IN_FAILED, null, 0);
    }

    static Refusal throttled(long seconds) {
        return new Refusal(429, "too many failed sign-ins; wait " + seconds + " s", null, seconds);
    }

    static Refusal busy() {
        return new Refusal(503, "too many sign-ins at once; try again in a moment", null, 1);
    }
}
