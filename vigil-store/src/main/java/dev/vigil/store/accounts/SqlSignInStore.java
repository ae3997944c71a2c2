package dev.vigil.store.accounts;

import dev.vigil.store.db.Database;

/** {@link SignInStore} in SQL: tables {@code login_throttle} and {@code known_addresses}. */
public final class SqlSignInStore implements SignInStore {

    private final Database db;

    public SqlSignInStore(Database db) {
        this.db = db;
    }

    @Override
    public long blockedUntil(String key, long now, long forgetBefore) {
        long b = db.read(h -> h.createQuery("SELECT blocked_until FROM login_throttle WHERE k = :k AND updated >= :f")
                .bind("k", key).bind("f", forgetBefore).mapTo(Long.class).findOne().orElse(0L));
        return b > now ? b : 0;
    }

    @Override
    public Claim claim(String key, long now, long forgetBefore, Delays delays) {
        String f = "(CASE WHEN login_throttle.updated < :forget THEN 1 ELSE login_throttle.failures + 1 END)";
        return db.write(h -> h.createQuery("INSERT INTO login_throttle (k, failures, blocked_until, granted, updated) "
                + "VALUES (:k, 1, :first, 1, :now) ON CONFLICT (k) DO UPDATE SET "
                + "granted = CASE WHEN login_throttle.blocked_until > :now AND login_throttle.updated >= :forget THEN 0 ELSE 1 END, "
                + "blocked_until = CASE WHEN login_throttle.blocked_until > :now AND login_throttle.updated >= :forget "
                + "THEN login_throttle.blocked_until ELSE " + blockedUntil(f, delays) + " END, "
                + "failures = " + f + ", updated = :now RETURNING failures, blocked_until, granted")
                .bind("k", key).bind("first", delays.after(1) == 0 ? 0 : now + delays.after(1)).bind("now", now)
                .bind("forget", forgetBefore)
                .map((rs, c) -> new Claim(rs.getLong("failures"), rs.getLong("blocked_until"), rs.getInt("granted") == 1)).one());
    }

    /**
     * Until when a count must wait, as SQL: 0 for no wait (not "now": a claim made a moment
     * earlier, committed after this one, would take a "now" in its future for a wait), else the
     * wait for the count after {@code :now} (a dozen cases at most: it doubles to the longest).
     */
    private static String blockedUntil(String f, Delays d) {
        StringBuilder s = new StringBuilder("CASE WHEN ").append(f).append(" < ").append(d.free()).append(" THEN 0");
        for (long n = d.free();; n++) {
            long w = d.after(n);
            s.append(" WHEN ").append(f).append(" <= ").append(n).append(" THEN :now + ").append(w);
            if (w >= d.longest()) {
                break;
            }
        }
        return s.append(" ELSE :now + ").append(d.longest()).append(" END").toString();
    }

    @Override
    public void clear(String key) {
        db.write(h -> h.createUpdate("DELETE FROM login_throttle WHERE k = :k").bind("k", key).execute());
    }

    @Override
    public void clear(String key, String prefix) {
        db.write(h -> h.createUpdate("DELETE FROM login_throttle WHERE k = :u OR k LIKE :ua").bind("u", key)
                .bind("ua", prefix + "%").execute());
    }

    @Override
    public boolean known(String userId, String address) {
        return db.read(h -> h.createQuery("SELECT COUNT(*) FROM known_addresses WHERE user_id = :u AND address = :a")
                .bind("u", userId).bind("a", address).mapTo(Long.class).one() > 0);
    }

    @Override
    public void remember(String userId, String address, long now, int keep) {
        db.write(h -> {
            h.createUpdate("INSERT INTO known_addresses (user_id, address, last_seen) VALUES (:u, :a, :t) "
                    + "ON CONFLICT (user_id, address) DO UPDATE SET last_seen = :t").bind("u", userId).bind("a", address)
                    .bind("t", now).execute();
            return h.createUpdate("DELETE FROM known_addresses WHERE user_id = :u AND address NOT IN (SELECT address FROM "
                    + "known_addresses WHERE user_id = :u ORDER BY last_seen DESC LIMIT :n)").bind("u", userId).bind("n", keep)
                    .execute();
        });
    }

    @Override
    public void forget(String userId) {
        db.write(h -> h.createUpdate("DELETE FROM known_addresses WHERE user_id = :id").bind("id", userId).execute());
    }

    @Override
    public int prune(long now, long forgetBefore) {
        return db.write(h -> h.createUpdate("DELETE FROM login_throttle WHERE updated < :f AND blocked_until < :now")
                .bind("f", forgetBefore).bind("now", now).execute());
    }
}
