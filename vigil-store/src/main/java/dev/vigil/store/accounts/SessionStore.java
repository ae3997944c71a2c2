package dev.vigil.store.accounts;

import java.util.Optional;

/** Sign-in sessions, by the hash of their cookie's token. */
public interface SessionStore {

    void insert(String idHash, String userId, String csrf, boolean complete, long now, long expires, long reauthUntil);

    /** A session with its user, or empty. */
    Optional<SessionRow> find(String idHash);

    void delete(String idHash);

    /** Records a use. */
    void seen(String idHash, long now);

    /** Allows step-up changes until {@code until}. */
    void reauthenticated(String idHash, long until);

    /** Ends every session of a user. */
    void deleteOfUser(String userId);

    /** Ends every session of a user but one. */
    void deleteOthersOfUser(String userId, String keepIdHash);

    /** Ends sessions past their life, and with {@code idleBefore} > 0 those unused since. */
    int deleteEnded(long now, long idleBefore);
}
