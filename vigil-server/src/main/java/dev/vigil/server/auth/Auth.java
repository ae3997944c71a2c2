package dev.vigil.server.auth;

import dev.vigil.server.audit.AuditLog;
import dev.vigil.server.crypto.Vault;
import dev.vigil.server.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Users, sessions, API tokens, and the rules of logging in. */
public final class Auth {

    static final int MAX_FAILURES = 5;
    static final long LOCK_MILLIS = 15 * 60_000L;
    static final int MAX_ATTEMPTS_PER_MINUTE = 10;
    static final long SESSION_MILLIS = 12 * 3_600_000L;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String DUMMY_HASH = Passwords.hash(random());

    /** A user as the API shows it. */
    public record User(String id, String username, Role role, boolean totp, boolean mustChange) {
    }

    /**
     * Who is calling.
     *
     * @param user the user, or null for an API token
     * @param session the session id hash (cookie logins), or null
     * @param csrf the session's CSRF token (cookie logins), or null
     * @param complete false while an admin still has to set up a second factor or change a one-time password
     */
    public record Principal(User user, Role role, String session, String csrf, boolean complete, String token) {

        public String name() {
            return user != null ? user.username() : "token:" + token;
        }
    }

    /** The outcome of a login. */
    public record Login(boolean ok, String error, int status, String sessionToken, String csrf, User user,
            boolean totpSetupRequired, boolean passwordChangeRequired) {

        static Login fail(int status, String error) {
            return new Login(false, error, status, null, null, null, false, false);
        }
    }

    private final Store store;
    private final Vault vault;
    private final LongSupplier clock;
    private final Map<String, Deque<Long>> attempts = new ConcurrentHashMap<>();
    private final Map<String, Long> usedSteps = new ConcurrentHashMap<>();
    private final Map<String, Long> lastUse = new ConcurrentHashMap<>();

    public Auth(Store store, Vault vault, LongSupplier clock) {
        this.store = store;
        this.vault = vault;
        this.clock = clock;
    }

    /** Creates the first admin when there is no user: returns its one-time password, else null. */
    public String bootstrap() {
        return store.write(h -> {
            long n = h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one();
            if (n > 0) {
                return null;
            }
            String pw = Passwords.random();
            insertUser(h, "admin", Role.ADMIN, pw, true);
            AuditLog.append(h, "system", "user.create", "admin", "first start: admin with a one-time password");
            return pw;
        });
    }

    private String insertUser(org.jdbi.v3.core.Handle h, String username, Role role, String password, boolean mustChange) {
        String id = UUID.randomUUID().toString();
        h.createUpdate("INSERT INTO users (id, username, role, password_hash, must_change, created) "
                + "VALUES (:id, :u, :r, :p, :m, :t)").bind("id", id).bind("u", username).bind("r", role.label())
                .bind("p", Passwords.hash(password)).bind("m", mustChange ? 1 : 0).bind("t", clock.getAsLong()).execute();
        return id;
    }

    /** Creates a user with a one-time password (returned once). */
    public String createUser(Principal by, String username, Role role) {
        if (username == null || !username.matches("[A-Za-z0-9._@-]{2,64}")) {
            throw new IllegalArgumentException("a user name is 2 to 64 letters, digits or . _ @ -");
        }
        String pw = Passwords.random();
        store.writeVoid(h -> {
            if (h.createQuery("SELECT COUNT(*) FROM users WHERE username = :u").bind("u", username).mapTo(Long.class).one() > 0) {
                throw new IllegalArgumentException("user " + username + " exists");
            }
            insertUser(h, username, role, pw, true);
            AuditLog.append(h, by.name(), "user.create", username, "role " + role.label());
        });
        return pw;
    }

    public List<User> users() {
        return store.read(h -> h.createQuery("SELECT * FROM users ORDER BY username").map((rs, ctx) -> user(rs)).list());
    }

    private static User user(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new User(rs.getString("id"), rs.getString("username"), Role.parse(rs.getString("role")),
                rs.getString("totp_secret") != null, rs.getInt("must_change") == 1);
    }

    /** Logs in with a password and, for users who have one, a TOTP code. */
    public Login login(String username, String password, String code, String ip) {
        long now = clock.getAsLong();
        if (!allow(ip, now)) {
            return Login.fail(429, "too many login attempts; wait a minute");
        }
        if (username == null || password == null) {
            return Login.fail(400, "user name and password are required");
        }
        Map<String, Object> row = store.read(h -> h.createQuery("SELECT * FROM users WHERE username = :u")
                .bind("u", username).mapToMap().findOne().orElse(null));
        if (row == null) {
            // the same work as a real check (one Argon2id verification), so timing does not tell which names exist
            Passwords.verify(password, DUMMY_HASH);
            audit(username, "login.failure", "unknown user from " + ip);
            return Login.fail(401, "wrong user name or password");
        }
        String id = (String) row.get("id");
        long lockedUntil = ((Number) row.get("locked_until")).longValue();
        if (lockedUntil > now) {
            audit(username, "login.locked", "from " + ip);
            return Login.fail(423, "account locked after repeated failures; try again later");
        }
        if (!Passwords.verify(password, (String) row.get("password_hash"))) {
            fail(id, username, ip, ((Number) row.get("failed_logins")).intValue() + 1, now);
            return Login.fail(401, "wrong user name or password");
        }
        String secret = row.get("totp_secret") == null ? null : vault.decrypt((String) row.get("totp_secret"));
        boolean hasTotp = secret != null;
        if (hasTotp) {
            if (code == null || code.isBlank()) {
                return Login.fail(401, "a one-time code from the authenticator app is required");
            }
            long step = Totp.verify(secret, code, now);
            if (step < 0 || usedSteps.containsKey(id + "|" + step)) {
                fail(id, username, ip, ((Number) row.get("failed_logins")).intValue() + 1, now);
                return Login.fail(401, "wrong one-time code");
            }
            usedSteps.values().removeIf(t -> now - t > 180_000); // a code is valid for at most 90 s
            usedSteps.put(id + "|" + step, now);
        }
        Role role = Role.parse((String) row.get("role"));
        boolean mustChange = ((Number) row.get("must_change")).intValue() == 1;
        boolean totpSetup = role == Role.ADMIN && !hasTotp;
        String token = random();
        String csrf = random();
        store.writeVoid(h -> {
            h.createUpdate("UPDATE users SET failed_logins = 0, locked_until = 0 WHERE id = :id").bind("id", id).execute();
            h.createUpdate("INSERT INTO sessions (id_hash, user_id, csrf, mfa_ok, created, expires) "
                    + "VALUES (:s, :u, :c, :m, :t, :e)").bind("s", sha256(token)).bind("u", id).bind("c", csrf)
                    .bind("m", totpSetup || mustChange ? 0 : 1).bind("t", now).bind("e", now + SESSION_MILLIS).execute();
            AuditLog.append(h, username, "login.success", null, "from " + ip);
        });
        User u = new User(id, username, role, hasTotp, mustChange);
        return new Login(true, null, 200, token, csrf, u, totpSetup, mustChange);
    }

    private void fail(String id, String username, String ip, int failures, long now) {
        store.writeVoid(h -> {
            h.createUpdate("UPDATE users SET failed_logins = :f, locked_until = :l WHERE id = :id").bind("f", failures)
                    .bind("l", failures >= MAX_FAILURES ? now + LOCK_MILLIS : 0).bind("id", id).execute();
            AuditLog.append(h, username, failures >= MAX_FAILURES ? "login.lockout" : "login.failure", null,
                    "from " + ip + ", failure " + failures);
        });
    }

    private boolean allow(String ip, long now) {
        if (attempts.size() > 10_000) {
            // many addresses: forget the ones with nothing in the last minute
            attempts.values().removeIf(q -> {
                synchronized (q) {
                    return q.isEmpty() || now - q.peekLast() > 60_000;
                }
            });
        }
        Deque<Long> d = attempts.computeIfAbsent(ip == null ? "?" : ip, k -> new ArrayDeque<>());
        synchronized (d) {
            while (!d.isEmpty() && now - d.peekFirst() > 60_000) {
                d.pollFirst();
            }
            if (d.size() >= MAX_ATTEMPTS_PER_MINUTE) {
                return false;
            }
            d.addLast(now);
            return true;
        }
    }

    private void audit(String actor, String action, String detail) {
        AuditLog.append(store, actor, action, null, detail);
    }

    /** The principal of a session cookie, or empty. */
    public Optional<Principal> session(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        long now = clock.getAsLong();
        return store.read(h -> h.createQuery("SELECT s.csrf, s.mfa_ok, s.expires, s.id_hash, u.* FROM sessions s "
                + "JOIN users u ON u.id = s.user_id WHERE s.id_hash = :s").bind("s", sha256(token)).map((rs, ctx) -> {
                    if (rs.getLong("expires") < now) {
                        return null;
                    }
                    User u = user(rs);
                    return new Principal(u, u.role(), rs.getString("id_hash"), rs.getString("csrf"), rs.getInt("mfa_ok") == 1,
                            null);
                }).findOne().filter(p -> p != null));
    }

    /** The principal of an API token, or empty. */
    public Optional<Principal> token(String bearer) {
        if (bearer == null || bearer.isBlank()) {
            return Optional.empty();
        }
        String hash = sha256(bearer);
        Optional<Principal> p = store.read(h -> h.createQuery("SELECT * FROM api_tokens WHERE token_hash = :h AND revoked = 0")
                .bind("h", hash).map((rs, ctx) -> new Principal(null, Role.parse(rs.getString("role")), null, null, true,
                        rs.getString("name"))).findOne());
        long now = clock.getAsLong();
        Long last = lastUse.get(hash);
        if (p.isPresent() && (last == null || now - last >= 60_000)) {
            // last use is kept to the minute: a write per request would serialise every API call
            lastUse.put(hash, now);
            store.writeVoid(h -> h.createUpdate("UPDATE api_tokens SET last_used = :t WHERE token_hash = :h")
                    .bind("t", now).bind("h", hash).execute());
        }
        return p;
    }

    public void logout(Principal p) {
        if (p.session() != null) {
            store.writeVoid(h -> {
                h.createUpdate("DELETE FROM sessions WHERE id_hash = :s").bind("s", p.session()).execute();
                AuditLog.append(h, p.name(), "logout", null, null);
            });
        }
    }

    /** Creates an API token (returned once; stored hashed). */
    public String createToken(Principal by, String name, Role role) {
        if (name == null || name.isBlank() || name.length() > 64) {
            throw new IllegalArgumentException("a token needs a name of up to 64 characters");
        }
        String token = "vgl_" + random();
        store.writeVoid(h -> {
            h.createUpdate("INSERT INTO api_tokens (id, name, token_hash, role, created) VALUES (:id, :n, :h, :r, :t)")
                    .bind("id", UUID.randomUUID().toString()).bind("n", name).bind("h", sha256(token)).bind("r", role.label())
                    .bind("t", clock.getAsLong()).execute();
            AuditLog.append(h, by.name(), "token.create", name, "role " + role.label());
        });
        return token;
    }

    public void revokeToken(Principal by, String name) {
        store.writeVoid(h -> {
            int n = h.createUpdate("UPDATE api_tokens SET revoked = 1 WHERE name = :n").bind("n", name).execute();
            if (n == 0) {
                throw new java.util.NoSuchElementException("no token " + name);
            }
            AuditLog.append(h, by.name(), "token.revoke", name, null);
        });
    }

    /**
     * Resets a user: a new one-time password (returned once), the second factor cleared (to be set
     * up again), the lockout lifted and every session ended.
     */
    public String resetUser(Principal by, String username) {
        String pw = Passwords.random();
        store.writeVoid(h -> {
            String id = userId(h, username);
            h.createUpdate("UPDATE users SET password_hash = :p, must_change = 1, totp_secret = NULL, totp_pending = NULL, "
                    + "failed_logins = 0, "
                    + "locked_until = 0 WHERE id = :id").bind("p", Passwords.hash(pw)).bind("id", id).execute();
            h.createUpdate("DELETE FROM sessions WHERE user_id = :id").bind("id", id).execute();
            AuditLog.append(h, by.name(), "user.reset", username, "one-time password, second factor cleared");
        });
        return pw;
    }

    /** Deletes a user and ends their sessions; an admin cannot delete themself or the last admin. */
    public void deleteUser(Principal by, String username) {
        store.writeVoid(h -> {
            String id = userId(h, username);
            if (by.user() != null && by.user().id().equals(id)) {
                throw new IllegalArgumentException("you cannot delete yourself");
            }
            long admins = h.createQuery("SELECT COUNT(*) FROM users WHERE role = 'admin' AND id <> :id").bind("id", id)
                    .mapTo(Long.class).one();
            String role = h.createQuery("SELECT role FROM users WHERE id = :id").bind("id", id).mapTo(String.class).one();
            if ("admin".equals(role) && admins == 0) {
                throw new IllegalArgumentException("the last admin cannot be deleted");
            }
            h.createUpdate("DELETE FROM sessions WHERE user_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM users WHERE id = :id").bind("id", id).execute();
            AuditLog.append(h, by.name(), "user.delete", username, null);
        });
    }

    private static String userId(org.jdbi.v3.core.Handle h, String username) {
        return h.createQuery("SELECT id FROM users WHERE username = :u").bind("u", username).mapTo(String.class).findOne()
                .orElseThrow(() -> new java.util.NoSuchElementException("no user " + username));
    }

    /** Changes the caller's password; completes a session that waited for it. */
    public void changePassword(Principal p, String current, String next) {
        String weak = Passwords.weakness(next, p.user().username());
        if (weak != null) {
            throw new IllegalArgumentException(weak);
        }
        store.writeVoid(h -> {
            String hash = h.createQuery("SELECT password_hash FROM users WHERE id = :id").bind("id", p.user().id())
                    .mapTo(String.class).one();
            if (!Passwords.verify(current, hash)) {
                throw new SecurityException("the current password is wrong");
            }
            h.createUpdate("UPDATE users SET password_hash = :p, must_change = 0 WHERE id = :id")
                    .bind("p", Passwords.hash(next)).bind("id", p.user().id()).execute();
            // a new password ends every other session of this user
            h.createUpdate("DELETE FROM sessions WHERE user_id = :id AND id_hash <> :s").bind("id", p.user().id())
                    .bind("s", p.session() == null ? "" : p.session()).execute();
            completeIfReady(h, p);
            AuditLog.append(h, p.name(), "password.change", p.user().username(), null);
        });
    }

    /** Starts TOTP enrolment: a new secret, pending (beside any secret in use) until a code confirms it. */
    public String[] totpEnroll(Principal p) {
        String secret = Totp.secret();
        store.writeVoid(h -> h.createUpdate("UPDATE users SET totp_pending = :s WHERE id = :id")
                .bind("s", vault.encrypt(secret)).bind("id", p.user().id()).execute());
        return new String[] {secret, Totp.uri("Vigil", p.user().username(), secret)};
    }

    /** Confirms the pending secret with a code from it; it replaces the one in use. */
    public void totpConfirm(Principal p, String code) {
        store.writeVoid(h -> {
            String stored = h.createQuery("SELECT totp_pending FROM users WHERE id = :id").bind("id", p.user().id())
                    .mapTo(String.class).findOne().orElse(null);
            if (stored == null) {
                throw new IllegalArgumentException("start the enrolment first");
            }
            String secret = vault.decrypt(stored);
            if (Totp.verify(secret, code, clock.getAsLong()) < 0) {
                throw new SecurityException("wrong one-time code");
            }
            h.createUpdate("UPDATE users SET totp_secret = :s, totp_pending = NULL WHERE id = :id").bind("s", stored)
                    .bind("id", p.user().id()).execute();
            completeIfReady(h, p);
            AuditLog.append(h, p.name(), "totp.enable", p.user().username(), null);
        });
    }

    private void completeIfReady(org.jdbi.v3.core.Handle h, Principal p) {
        if (p.session() == null) {
            return;
        }
        Map<String, Object> u = h.createQuery("SELECT role, must_change, totp_secret FROM users WHERE id = :id")
                .bind("id", p.user().id()).mapToMap().one();
        boolean totp = u.get("totp_secret") != null;
        boolean done = ((Number) u.get("must_change")).intValue() == 0 && (!"admin".equals(u.get("role")) || totp);
        if (done) {
            h.createUpdate("UPDATE sessions SET mfa_ok = 1 WHERE id_hash = :s").bind("s", p.session()).execute();
        }
    }

    static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
