package dev.vigil.store.accounts;

import java.util.List;
import java.util.Optional;

/** The people who sign in: password hashes, one-time passwords, second factors (encrypted at rest). */
public interface UserStore {

    long count();

    /** Every user, by name. */
    List<UserRow> all();

    Optional<UserRow> byName(String username);

    Optional<UserRow> byId(String id);

    /** A new user whose password is a one-time password until {@code passwordExpires}. */
    void insert(String id, String username, String role, String passwordHash, long passwordExpires, long now);

    /** A new password of the user's own. */
    void ownPassword(String id, String passwordHash);

    /** The same password hashed again (with newer parameters). */
    void rehash(String id, String passwordHash);

    /** A new one-time password. */
    void oneTimePassword(String id, String passwordHash, long expires);

    /** A new one-time password and no second factor (a reset). */
    void reset(String id, String passwordHash, long expires);

    void delete(String id);

    /** Accepts a TOTP step once: true when it is later than the last one accepted, which it becomes. */
    boolean useTotpStep(String id, long step);

    /** Starts an enrolment: the secret waits beside the one in use. */
    void pendingTotp(String id, String secret);

    Optional<PendingTotp> pendingTotp(String id);

    /** The pending secret replaces the one in use, if it is still the one pending. */
    void confirmTotp(String id, PendingTotp pending);
}
