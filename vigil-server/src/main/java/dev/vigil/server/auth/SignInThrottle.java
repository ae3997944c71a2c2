package dev.vigil.server.auth;

import dev.vigil.store.accounts.SignInStore;

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
    private final SignInStore store;

    SignInThrottle(AuthLimits limits, SignInStore store) {
        this.limits = limits;
        this.store = store;
    }

    static String accountKey(String name) {
        return "u:" + name;
    }

    static String addressKey(String name, String address) {
        return "u:" + name + "|a:" + address;
    }

    /** The blocked-until time of a key now, or 0. */
    long blockedUntil(String key, long now) {
        return store.blockedUntil(key, now, now - limits.forgetFailuresMillis());
    }

    /**
     * Counts an attempt on {@code key}: granted unless the key is waiting; when granted, the wait
     * for the next attempt is set from the new count.
     */
    Claim claim(String key, int free, long now) {
        SignInStore.Claim c = store.claim(key, now, now - limits.forgetFailuresMillis(), new SignInStore.Delays() {
            @Override
            public int free() {
                return free;
            }

            @Override
            public long after(long failures) {
                return limits.delay(failures, free);
            }

            @Override
            public long longest() {
                return limits.maxDelayMillis();
            }
        });
        return new Claim(c.failures(), c.blockedUntil(), c.granted());
    }

    /**
     * True when this claim set the longest wait: lockout-level throttling, reported at most once
     * per wait (a refused attempt sets no wait).
     */
    boolean atLockout(Claim c, int free) {
        return c.granted() && limits.delay(c.failures(), free) >= limits.maxDelayMillis();
    }

    void clear(String key) {
        store.clear(key);
    }

    /** Clears an account's own key and those of the account from every address. */
    void clearAccount(String name) {
        store.clear(accountKey(name), accountKey(name) + "|a:");
    }

    /** True when {@code userId} signed in from {@code address} before. */
    boolean known(String userId, String address) {
        return store.known(userId, address);
    }

    /** Remembers a sign-in from an address; only the most recent ones per user are kept. */
    void remember(String userId, String address, long now) {
        store.remember(userId, address, now, limits.knownAddressesPerUser());
    }

    /** Forgets failures no longer counted. */
    int prune(long now) {
        return store.prune(now, now - limits.forgetFailuresMillis());
    }
}
