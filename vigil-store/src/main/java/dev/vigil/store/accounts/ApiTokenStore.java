package dev.vigil.store.accounts;

import java.util.List;
import java.util.Optional;

/** API tokens, by the hash of the token; names are unique among tokens in force. */
public interface ApiTokenStore {

    /** Revokes a token of this name that has expired (its name is free again). */
    void revokeExpired(String name, long now);

    /** True when a token of this name is in force. */
    boolean inForce(String name);

    void insert(String id, String name, String tokenHash, String role, long now, long expires, String scopes, String createdBy);

    /** The token in force with this hash (not revoked, not expired, its maker not deleted), or empty. */
    Optional<TokenRow> authenticate(String tokenHash, long now);

    /** Records a use. */
    void used(String tokenHash, long now);

    /** Every token, by name and creation. */
    List<TokenRow> all();

    /** Revokes the token in force of this name; false when there is none. */
    boolean revoke(String name);

    /** Revokes every token a user made; returns how many. */
    int revokeOf(String userId);
}
