package dev.vigil.server.auth;

import dev.vigil.server.audit.AuditLog;
import dev.vigil.server.store.Store;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;

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

    private final Store store;
    private final LongSupplier clock;
    private final Map<String, Long> lastUse = new ConcurrentHashMap<>();

    ApiTokens(Store store, LongSupplier clock) {
        this.store = store;
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
        store.writeVoid(h -> {
            h.createUpdate("UPDATE api_tokens SET revoked = 1 WHERE name = :n AND revoked = 0 AND expires <= :t").bind("n", name)
                    .bind("t", now).execute();
            if (h.createQuery("SELECT COUNT(*) FROM api_tokens WHERE name = :n AND revoked = 0").bind("n", name).mapTo(Long.class)
                    .one() > 0) {
                throw new Refusal(409, "a token named '" + name + "' is in force; revoke it first or choose another name", null, 0);
            }
            h.createUpdate("INSERT INTO api_tokens (id, name, token_hash, role, created, expires, scopes, created_by) "
                    + "VALUES (:id, :n, :h, :r, :t, :e, :s, :by)").bind("id", UUID.randomUUID().toString()).bind("n", name)
                    .bind("h", Auth.sha256(token)).bind("r", role.label()).bind("t", now).bind("e", expires)
                    .bind("s", String.join(" ", scopes)).bind("by", by.user().id()).execute();
            AuditLog.append(h, by.name(), "token.create", name, "role " + role.label() + ", scopes " + String.join(" ", scopes)
                    + ", " + d + " days");
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
        Optional<Auth.Principal> p = store.read(h -> h.createQuery("SELECT t.name, t.role, t.scopes FROM api_tokens t "
                + "LEFT JOIN users u ON u.id = t.created_by WHERE t.token_hash = :h AND t.revoked = 0 AND t.expires > :now "
                + "AND (t.created_by IS NULL OR u.id IS NOT NULL)").bind("h", hash).bind("now", now)
                .map((rs, ctx) -> Auth.Principal.token(rs.getString("name"), Role.parse(rs.getString("role")),
                        Set.of(rs.getString("scopes").split(" "))))
                .findOne());
        Long last = lastUse.get(hash);
        if (p.isPresent() && (last == null || now - last >= LAST_USE_MILLIS)) {
            lastUse.put(hash, now);
            store.writeVoid(h -> h.createUpdate("UPDATE api_tokens SET last_used = :t WHERE token_hash = :h")
                    .bind("t", now).bind("h", hash).execute());
        }
        return p;
    }

    public List<Info> list() {
        long now = clock.getAsLong();
        return store.read(h -> h.createQuery("SELECT t.*, u.username AS by_name FROM api_tokens t LEFT JOIN users u "
                + "ON u.id = t.created_by ORDER BY t.name, t.created").map((rs, ctx) -> new Info(rs.getString("name"),
                        Role.parse(rs.getString("role")), List.of(rs.getString("scopes").split(" ")), rs.getLong("created"),
                        rs.getLong("expires"), rs.getLong("last_used"), rs.getInt("revoked") == 1, rs.getLong("expires") <= now,
                        rs.getString("by_name"))).list());
    }

    public void revoke(Auth.Principal by, String name) {
        store.writeVoid(h -> {
            int n = h.createUpdate("UPDATE api_tokens SET revoked = 1 WHERE name = :n AND revoked = 0").bind("n", name).execute();
            if (n == 0) {
                throw new java.util.NoSuchElementException("no token " + name + " in force");
            }
            AuditLog.append(h, by.name(), "token.revoke", name, null);
        });
    }

    /** Revokes every token a user made (the user is deleted or reset); returns how many. */
    static int revokeOf(Handle h, String userId) {
        return h.createUpdate("UPDATE api_tokens SET revoked = 1 WHERE created_by = :u AND revoked = 0").bind("u", userId).execute();
    }
}
