package dev.vigil.store.accounts;

/**
 * Sign-in state: failures counted per key (an account, an account and an address) with the wait
 * they impose, and the addresses each user signed in from.
 */
public interface SignInStore {

    /** The wait after each count of failures. */
    interface Delays {

        /** Failures without a wait. */
        int free();

        /** The wait after {@code failures} failures (epoch ms). */
        long after(long failures);

        /** The longest wait; the waits grow to it. */
        long longest();
    }

    /**
     * A key's state after an attempt was claimed on it.
     *
     * @param granted false when the key was waiting (the attempt goes no further)
     */
    record Claim(long failures, long blockedUntil, boolean granted) {
    }

    /** Until when a key waits (0: it does not), counting failures since {@code forgetBefore}. */
    long blockedUntil(String key, long now, long forgetBefore);

    /**
     * Counts an attempt on a key in one atomic statement (insert or increment, returning the new
     * count): granted unless the key is waiting; when granted, the wait for the next attempt is set
     * from the new count. Failures before {@code forgetBefore} are forgotten.
     */
    Claim claim(String key, long now, long forgetBefore, Delays delays);

    void clear(String key);

    /** Clears a key and every key that starts with {@code prefix}. */
    void clear(String key, String prefix);

    /** True when the user signed in from the address before. */
    boolean known(String userId, String address);

    /** Remembers a sign-in from an address; only the {@code keep} most recent per user stay. */
    void remember(String userId, String address, long now, int keep);

    /** Forgets the addresses of a user. */
    void forget(String userId);

    /** Forgets keys with no failure since {@code forgetBefore} and no wait left. */
    int prune(long now, long forgetBefore);
}
