package dev.vigil.server.auth;

/**
 * The bounds of signing in and of what a session or token may do, each named.
 *
 * @param passwordChecks Argon2id computations at once, over the whole service (each takes
 *     {@link Passwords#MEMORY_KB} of memory); more wait in a queue
 * @param passwordCheckQueue requests that may wait for a password check; beyond them, or after
 *     {@code passwordCheckWaitMillis}, the answer is 503 with Retry-After
 * @param passwordCheckWaitMillis how long a request waits for a password check
 * @param failuresBeforeDelay failed sign-ins to one account from one address before each further
 *     attempt from there must wait
 * @param accountFailuresBeforeDelay failed sign-ins to one account from anywhere before attempts
 *     from addresses it never signed in from must wait
 * @param firstDelayMillis the first wait; each further failure doubles it
 * @param maxDelayMillis the longest wait: reaching it is lockout-level throttling, audited and sent
 *     to the alert outputs
 * @param forgetFailuresMillis failures this old no longer count
 * @param attemptsPerMinutePerAddress sign-in attempts a minute from one address, whatever the account
 * @param sessionMillis a session's longest life
 * @param idleMillis a session unused this long ends
 * @param stepUpMillis after a sign-in or a re-authentication, how long changing a second factor,
 *     creating tokens, resetting users, rotating keys and the sign-in policy are allowed
 * @param oneTimePasswordMillis how long a one-time password (first start, new user, reset) works
 * @param knownAddressesPerUser addresses remembered per user as ones it signed in from
 */
public record AuthLimits(int passwordChecks, int passwordCheckQueue, long passwordCheckWaitMillis, int failuresBeforeDelay,
        int accountFailuresBeforeDelay, long firstDelayMillis, long maxDelayMillis, long forgetFailuresMillis,
        int attemptsPerMinutePerAddress, long sessionMillis, long idleMillis, long stepUpMillis, long oneTimePasswordMillis,
        int knownAddressesPerUser) {

    /**
     * Two Argon2id checks at once (128 MiB) and 16 waiting up to 10 s; five failures per account
     * and address and ten per account before waits of 30 s doubling to 15 min; failures forgotten
     * after a day; ten attempts a minute per address; sessions of 12 h that end after 30 min idle;
     * five minutes of step-up; one-time passwords valid for 72 h; 20 known addresses per user.
     */
    public static final AuthLimits DEFAULT = new AuthLimits(2, 16, 10_000, 5, 10, 30_000, 15 * 60_000, 24 * 3_600_000L, 10,
            12 * 3_600_000L, 30 * 60_000, 5 * 60_000, 72 * 3_600_000L, 20);

    /** The wait before the next attempt after {@code failures} failures, with {@code free} allowed without one. */
    long delay(long failures, int free) {
        if (failures < free) {
            return 0;
        }
        long d = firstDelayMillis;
        for (long i = free; i < failures && d < maxDelayMillis; i++) {
            d *= 2;
        }
        return Math.min(d, maxDelayMillis);
    }
}
