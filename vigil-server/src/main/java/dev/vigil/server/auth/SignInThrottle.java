package dev.vigil.server.auth;

import dev.vigil.server.store.Store;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Failed sign-ins counted in the store, per account and address and per account, with a wait
 * that doubles with each failure beyond the free ones ({@link AuthLimits#delay}). Every attempt is
 * claimed before its password is checked, in one atomic statement (insert or increment, returning
 * the new count), so attempts sent at once count one each and no more than the free ones are
 * checked; a success clears the claims. Nothing is locked for good: the wait ends, and failures
 * are forgotten after {@link AuthLimits#forgetFailuresMillis}.
 */
final class SignInThrottle {

    /** The state of a key after a claim: failures counted, blocked until (epoch ms), and whether this attempt may go on. */
    record Claim(long failures, long blockedUntil, boolean granted) {

        long retryAfterSeconds(long now) {
            return Math.max(1, (blockedUntil - now + 999) / 1000);
        }
    }

    private final AuthLimits limits;

    SignInThrottle(AuthLimits limits) {
        this.limits = limits;
    }

    static String accountKey(String name) {
        return "u:" + name;
    }

    static String addressKey(String name, String address) {
        return "u:" + name + "|a:" + address;
    }

    /** The blocked-until time of a key now, or 0. */
    long blockedUntil(Handle h, String key, long now) {
        Long b = h.createQuery("SELECT blocked_until FROM login_throttle WHERE k = :k AND updated >= :f").bind("k", key)
                .bind("f", now - limits.forgetFailuresMillis()).mapTo(Long.class).findOne().orElse(0L);
        return b > now ? b : 0;
    }

    /**
     * Counts an attempt on {@code key}: granted unless the key is waiting; when granted, the wait
     * for the next attempt is set from the new count.
     */
    Claim claim(Handle h, String key, int free, long now) {
        String f = "(CASE WHEN login_throttle.updated < :forget THEN 1 ELSE login_throttle.failures + 1 END)";
        Map<String, Object> r = h.createQuery("INSERT INTO login_throttle (k, failures, blocked_until, granted, updated) "
                + "VALUES (:k, 1, :first, 1, :now) ON CONFLICT (k) DO UPDATE SET "
                + "granted = CASE WHEN login_throttle.blocked_until > :now AND login_throttle.updated >= :forget THEN 0 ELSE 1 END, "
                + "blocked_until = CASE WHEN login_throttle.blocked_until > :now AND login_throttle.updated >= :forget "
                + "THEN login_throttle.blocked_until ELSE :now + " + delays(f, free) + " END, "
                + "failures = " + f + ", updated = :now RETURNING failures, blocked_until, granted")
                .bind("k", key).bind("first", now + limits.delay(1, free)).bind("now", now)
                .bind("forget", now - limits.forgetFailuresMillis()).mapToMap().one();
        return new Claim(((Number) r.get("failures")).longValue(), ((Number) r.get("blocked_until")).longValue(),
                ((Number) r.get("granted")).intValue() == 1);
    }

    /** The wait for each count as SQL, from the limits (a dozen cases at most: it doubles to the longest). */
    private String delays(String f, int free) {
        StringBuilder s = new StringBuilder("CASE WHEN ").append(f).append(" < ").append(free).append(" THEN 0");
        for (long n = free;; n++) {
            long d = limits.delay(n, free);
            s.append(" WHEN ").append(f).append(" <= ").append(n).append(" THEN ").append(d);
            if (d >= limits.maxDelayMillis()) {
                break;
            }
        }
        return s.append(" ELSE ").append(limits.maxDelayMillis()).append(" END").toString();
    }

    /**
     * True when this claim set the longest wait: lockout-level throttling, reported at most once
     * per wait (a refused attempt sets no wait).
     */
    boolean atLockout(Claim c, int free) {
        return c.granted() && limits.delay(c.failures(), free) >= limits.maxDelayMillis();
    }

    void clear(Handle h, String key) {
        h.createUpdate("DELETE FROM login_throttle WHERE k = :k").bind("k", key).execute();
    }

    /** True when {@code userId} signed in from {@code address} before. */
    boolean known(Handle h, String userId, String address) {
        return h.createQuery("SELECT COUNT(*) FROM known_addresses WHERE user_id = :u AND address = :a").bind("u", userId)
                .bind("a", address).mapTo(Long.class).one() > 0;
    }

    /** Remembers a sign-in from an address; only the most recent ones per user are kept. */
    void remember(Handle h, String userId, String address, long now) {
        h.createUpdate("INSERT INTO known_addresses (user_id, address, last_seen) VALUES (:u, :a, :t) "
                + "ON CONFLICT (user_id, address) DO UPDATE SET last_seen = :t").bind("u", userId).bind("a", address)
                .bind("t", now).execute();
        h.createUpdate("DELETE FROM known_addresses WHERE user_id = :u AND address NOT IN (SELECT address FROM known_addresses "
                + "WHERE user_id = :u ORDER BY last_seen DESC LIMIT :n)").bind("u", userId).bind("n", limits.knownAddressesPerUser())
                .execute();
    }

    /** Forgets failures no longer counted. */
    int prune(Store store, long now) {
        return store.write(h -> h.createUpdate("DELETE FROM login_throttle WHERE updated < :f AND blocked_until < :now")
                .bind("f", now - limits.forgetFailuresMillis()).bind("now", now).execute());
    }
}
