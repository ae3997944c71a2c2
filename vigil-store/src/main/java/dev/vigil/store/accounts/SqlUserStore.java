package dev.vigil.store.accounts;

import dev.vigil.store.db.Database;
import dev.vigil.store.db.FieldCipher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@link UserStore} in SQL: table {@code users}. */
public final class SqlUserStore implements UserStore {

    private final Database db;
    private final FieldCipher cipher;

    public SqlUserStore(Database db, FieldCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    /** A user from the columns of {@code users} (also when joined under another table's columns). */
    static UserRow user(ResultSet rs, FieldCipher cipher) throws SQLException {
        return new UserRow(rs.getString("id"), rs.getString("username"), rs.getString("role"), rs.getString("password_hash"),
                cipher.decrypt(rs.getString("totp_secret")), rs.getInt("must_change") == 1, rs.getLong("password_expires"),
                rs.getLong("totp_last_step"), rs.getLong("created"));
    }

    @Override
    public long count() {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one());
    }

    @Override
    public List<UserRow> all() {
        return db.read(h -> h.createQuery("SELECT * FROM users ORDER BY username").map((rs, c) -> user(rs, cipher)).list());
    }

    @Override
    public Optional<UserRow> byName(String username) {
        return db.read(h -> h.createQuery("SELECT * FROM users WHERE username = :u").bind("u", username)
                .map((rs, c) -> user(rs, cipher)).findOne());
    }

    @Override
    public Optional<UserRow> byId(String id) {
        return db.read(h -> h.createQuery("SELECT * FROM users WHERE id = :id").bind("id", id).map((rs, c) -> user(rs, cipher))
                .findOne());
    }

    @Override
    public void insert(String id, String username, String role, String passwordHash, long passwordExpires, long now) {
        db.write(h -> h.createUpdate("INSERT INTO users (id, username, role, password_hash, must_change, password_expires, created) "
                + "VALUES (:id, :u, :r, :p, 1, :e, :t)").bind("id", id).bind("u", username).bind("r", role).bind("p", passwordHash)
                .bind("e", passwordExpires).bind("t", now).execute());
    }

    @Override
    public void ownPassword(String id, String passwordHash) {
        db.write(h -> h.createUpdate("UPDATE users SET password_hash = :p, must_change = 0, password_expires = 0 WHERE id = :id")
                .bind("p", passwordHash).bind("id", id).execute());
    }

    @Override
    public void rehash(String id, String passwordHash) {
        db.write(h -> h.createUpdate("UPDATE users SET password_hash = :p WHERE id = :id").bind("p", passwordHash).bind("id", id)
                .execute());
    }

    @Override
    public void oneTimePassword(String id, String passwordHash, long expires) {
        db.write(h -> h.createUpdate("UPDATE users SET password_hash = :p, password_expires = :e WHERE id = :id")
                .bind("p", passwordHash).bind("e", expires).bind("id", id).execute());
    }

    @Override
    public void reset(String id, String passwordHash, long expires) {
        db.write(h -> h.createUpdate("UPDATE users SET password_hash = :p, must_change = 1, password_expires = :e, totp_secret = NULL, "
                + "totp_pending = NULL WHERE id = :id").bind("p", passwordHash).bind("e", expires).bind("id", id).execute());
    }

    @Override
    public void delete(String id) {
        db.write(h -> h.createUpdate("DELETE FROM users WHERE id = :id").bind("id", id).execute());
    }

    @Override
    public boolean useTotpStep(String id, long step) {
        return db.write(h -> h.createUpdate("UPDATE users SET totp_last_step = :s WHERE id = :id AND totp_last_step < :s")
                .bind("s", step).bind("id", id).execute() == 1);
    }

    @Override
    public void pendingTotp(String id, String secret) {
        db.write(h -> h.createUpdate("UPDATE users SET totp_pending = :s WHERE id = :id").bind("s", cipher.encrypt(secret))
                .bind("id", id).execute());
    }

    @Override
    public Optional<PendingTotp> pendingTotp(String id) {
        return db.read(h -> h.createQuery("SELECT totp_pending FROM users WHERE id = :id").bind("id", id).mapTo(String.class)
                .findOne()).map(s -> new PendingTotp(cipher.decrypt(s), s));
    }

    @Override
    public void confirmTotp(String id, PendingTotp pending) {
        db.write(h -> h.createUpdate("UPDATE users SET totp_secret = :s, totp_pending = NULL WHERE id = :id AND totp_pending = :s")
                .bind("s", pending.sealed()).bind("id", id).execute());
    }
}
