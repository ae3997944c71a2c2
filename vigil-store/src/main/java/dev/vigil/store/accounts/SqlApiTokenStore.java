package dev.vigil.store.accounts;

import dev.vigil.store.db.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@link ApiTokenStore} in SQL: table {@code api_tokens}, read with the name of the user who made each. */
public final class SqlApiTokenStore implements ApiTokenStore {

    private final Database db;

    public SqlApiTokenStore(Database db) {
        this.db = db;
    }

    private static TokenRow token(ResultSet rs) throws SQLException {
        return new TokenRow(rs.getString("name"), rs.getString("role"), List.of(rs.getString("scopes").split(" ")),
                rs.getLong("created"), rs.getLong("expires"), rs.getLong("last_used"), rs.getInt("revoked") == 1,
                rs.getString("by_name"));
    }

    @Override
    public void revokeExpired(String name, long now) {
        db.write(h -> h.createUpdate("UPDATE api_tokens SET revoked = 1 WHERE name = :n AND revoked = 0 AND expires <= :t")
                .bind("n", name).bind("t", now).execute());
    }

    @Override
    public boolean inForce(String name) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM api_tokens WHERE name = :n AND revoked = 0").bind("n", name)
                .mapTo(Long.class).one() > 0);
    }

    @Override
    public void insert(String id, String name, String tokenHash, String role, long now, long expires, String scopes,
            String createdBy) {
        db.write(h -> h.createUpdate("INSERT INTO api_tokens (id, name, token_hash, role, created, expires, scopes, created_by) "
                + "VALUES (:id, :n, :h, :r, :t, :e, :s, :by)").bind("id", id).bind("n", name).bind("h", tokenHash).bind("r", role)
                .bind("t", now).bind("e", expires).bind("s", scopes).bind("by", createdBy).execute());
    }

    @Override
    public Optional<TokenRow> authenticate(String tokenHash, long now) {
        return db.read(h -> h.createQuery("SELECT t.*, u.username AS by_name FROM api_tokens t LEFT JOIN users u "
                + "ON u.id = t.created_by WHERE t.token_hash = :h AND t.revoked = 0 AND t.expires > :now "
                + "AND (t.created_by IS NULL OR u.id IS NOT NULL)").bind("h", tokenHash).bind("now", now)
                .map((rs, c) -> token(rs)).findOne());
    }

    @Override
    public void used(String tokenHash, long now) {
        db.write(h -> h.createUpdate("UPDATE api_tokens SET last_used = :t WHERE token_hash = :h").bind("t", now)
                .bind("h", tokenHash).execute());
    }

    @Override
    public List<TokenRow> all() {
        return db.read(h -> h.createQuery("SELECT t.*, u.username AS by_name FROM api_tokens t LEFT JOIN users u "
                + "ON u.id = t.created_by ORDER BY t.name, t.created").map((rs, c) -> token(rs)).list());
    }

    @Override
    public boolean revoke(String name) {
        return db.write(h -> h.createUpdate("UPDATE api_tokens SET revoked = 1 WHERE name = :n AND revoked = 0").bind("n", name)
                .execute() > 0);
    }

    @Override
    public int revokeOf(String userId) {
        return db.write(h -> h.createUpdate("UPDATE api_tokens SET revoked = 1 WHERE created_by = :u AND revoked = 0")
                .bind("u", userId).execute());
    }
}
