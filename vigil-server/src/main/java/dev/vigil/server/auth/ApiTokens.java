package dev.vigil.server.auth;

import dev.vigil.store.accounts.ApiTokenStore;
import dev.vigil.store.audit.AuditStore;
import dev.vigil.store.db.Transactions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * API tokens for machines: shown once, stored as a SHA-256 hash, scoped to a role and to
 * {@link Scopes}, valid until they expire (at most {@link #MAX_DAYS} days), and revoked by hand or
 * with the user who made them (deleted or reset). Names are unique among tokens in force.
 * Creating one needs a person's recent re-authentication with the second factor.
 */
public final class ApiTokens {

    static final int DEFAULT_DAYS = 90;
    static final int MAX_DAYS = 365;
    /** Last use is written at most this often per token: a write per request would serialise every call. */
    static final long LAST_USE_MILLIS = 60_000;

    /** A token as the API lists it (never the token itself). */
    public record Info(String name, Role role, List<String> scopes, long created, long expires, long lastUsed, boolean revoked,
            boolean expired, String createdBy) {
    }

    /** A new token: the secret (shown once) and when it expires. */
    public record Created(String name, Role role, List<String> scopes, String token, long expires) {
    }

    private final ApiTokenStore store;
    private final AuditStore audit;
    private final Transactions tx;
    private final LongSupplier clock;
    private final Map<String, Long> lastUse = new ConcurrentHashMap<>();

    ApiTokens(ApiTokenStore store, AuditStore audit, Transactions tx, LongSupplier clock) {
        this.store = store;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    public Created create(Auth.Principal by, String name, Role role, List<String> requestedScopes, Integer days) {
        if (name == null || !name.matches("[A-Za-z0-9._@ -]{1,64}")) {
            throw new IllegalArgumentException("a token needs a name of 1 to 64 letters, digits, space or . _ @ -");
        }
        int d = days == null ? DEFAULT_DAYS : days;
        if (d < 1 || d > MAX_DAYS) {
            throw new IllegalArgumentException("'expires_in_days' must be 1 to " + MAX_DAYS);
        }
        if (!by.role().atLeast(role)) {
            throw new SecurityException("a token cannot have a role above yours");
        }
        Set<String> scopes = Scopes.parse(requestedScopes);
        String token = "vgl_" + Auth.random();
        long now = clock.getAsLong();
        long expires = now + d * 86_400_000L;
        tx.inTransaction(() -> {
            store.revokeExpired(name, now);
            if (store.inForce(name)) {
                throw new Refusal(409, "a token named '" + name + "' is in force; revoke it first or choose another name", null, 0);
            }
            store.insert(UUID.randomUUID().toString(), name, Auth.sha256(token), role.label(), now, expires, String.join(" ", scopes),
                    by.user().id());
            audit.append(by.name(), "token.create", name, "role " + role.label() + ", scopes " + String.join(" ", scopes) + ", " + d
                    + " days");
        });
        return new Created(name, role, List.copyOf(scopes), token, expires);
    }

    /** The principal of a bearer token in force, or empty. */
    Optional<Auth.Principal> authenticate(String bearer) {
        if (bearer == null || bearer.isBlank()) {
            return Optional.empty();
        }
        String hash = Auth.sha256(bearer);
        long now = clock.getAsLong();
        Optional<Auth.Principal> p = store.authenticate(hash, now)
                .map(t -> Auth.Principal.token(t.name(), Role.parse(t.role()), Set.copyOf(t.scopes())));
        Long last = lastUse.get(hash);
        if (p.isPresent() && (last == null || now - last >= LAST_USE_MILLIS)) {
            lastUse.put(hash, now);
            store.used(hash, now);
        }
        return p;
    }

    public List<Info> list() {
        long now = clock.getAsLong();
        return store.all().stream().map(t -> new Info(t.name(), Role.parse(t.role()), t.scopes(), t.created(), t.expires(),
                t.lastUsed(), t.revoked(), t.expires() <= now, t.createdBy())).toList();
    }

    public void revoke(Auth.Principal by, String name) {
        tx.inTransaction(() -> {
            if (!store.revoke(name)) {
                throw new java.util.NoSuchElementException("no token " + name + " in force");
            }
            audit.append(by.name(), "token.revoke", name, null);
        });
    }

    /** Revokes every token a user made (the user is deleted or reset); returns how many. */
    int revokeOf(String userId) {
        return store.revokeOf(userId);
    }
}
