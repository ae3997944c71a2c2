package dev.vigil.store.accounts;

import dev.vigil.store.db.Database;
import dev.vigil.store.db.FieldCipher;
import java.util.Optional;

/** {@link SessionStore} in SQL: table {@code sessions}, read with its user. */
public final class SqlSessionStore implements SessionStore {

    private final Database db;
    private final FieldCipher cipher;

    public SqlSessionStore(Database db, FieldCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    @Override
    public void insert(String idHash, String userId, String csrf, boolean complete, long now, long expires, long reauthUntil) {
        db.write(h -> h.createUpdate("INSERT INTO sessions (id_hash, user_id, csrf, mfa_ok, created, expires, last_seen, reauth_until) "
                + "VALUES (:s, :u, :c, :m, :t, :e, :t, :r)").bind("s", idHash).bind("u", userId).bind("c", csrf)
                .bind("m", complete ? 1 : 0).bind("t", now).bind("e", expires).bind("r", reauthUntil).execute());
    }

    @Override
    public Optional<SessionRow> find(String idHash) {
        return db.read(h -> h.createQuery("SELECT s.id_hash, s.csrf, s.mfa_ok, s.expires, s.last_seen, s.reauth_until, u.* "
                + "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = :s").bind("s", idHash)
                .map((rs, c) -> new SessionRow(rs.getString("id_hash"), rs.getString("csrf"), rs.getInt("mfa_ok") == 1,
                        rs.getLong("expires"), rs.getLong("last_seen"), rs.getLong("reauth_until"),
                        SqlUserStore.user(rs, cipher))).findOne());
    }

    @Override
    public void delete(String idHash) {
        db.write(h -> h.createUpdate("DELETE FROM sessions WHERE id_hash = :s").bind("s", idHash).execute());
    }

    @Override
    public void seen(String idHash, long now) {
        db.write(h -> h.createUpdate("UPDATE sessions SET last_seen = :t WHERE id_hash = :s").bind("t", now).bind("s", idHash)
                .execute());
    }

    @Override
    public void reauthenticated(String idHash, long until) {
        db.write(h -> h.createUpdate("UPDATE sessions SET reauth_until = :r WHERE id_hash = :s").bind("r", until).bind("s", idHash)
                .execute());
    }

    @Override
    public void deleteOfUser(String userId) {
        db.write(h -> h.createUpdate("DELETE FROM sessions WHERE user_id = :id").bind("id", userId).execute());
    }

    @Override
    public void deleteOthersOfUser(String userId, String keepIdHash) {
        db.write(h -> h.createUpdate("DELETE FROM sessions WHERE user_id = :id AND id_hash <> :s").bind("id", userId)
                .bind("s", keepIdHash).execute());
    }

    @Override
    public int deleteEnded(long now, long idleBefore) {
        return db.write(h -> h.createUpdate("DELETE FROM sessions WHERE expires < :t OR last_seen < :i").bind("t", now)
                .bind("i", idleBefore).execute());
    }
}
