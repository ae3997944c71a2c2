package dev.vigil.server.auth;

import dev.vigil.server.audit.AuditLog;
import dev.vigil.server.crypto.Vault;
import dev.vigil.server.store.Store;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;

/**
 * People: the first admin, users with one-time passwords that expire, resets, deletion, one's own
 * password and second factor. Resetting a user and changing a second factor need a recent
 * re-authentication ({@link Auth#requireStepUp}); finishing the setup of a session (own password,
 * required second factor) replaces it with a new one.
 */
public final class Accounts {

    private final Auth auth;
    private final Store store;
    private final Vault vault;
    private final LongSupplier clock;
    private final AuthLimits limits;

    Accounts(Auth auth, Store store, Vault vault, LongSupplier clock, AuthLimits limits) {
        this.auth = auth;
        this.store = store;
        this.vault = vault;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * The first admin when there is no user, or a new one-time password for {@code admin} when no
     * admin can sign in any more (every admin still has a one-time password, expired): returns the
     * password to print, else null.
     */
    public String bootstrap() {
        long now = clock.getAsLong();
        return store.write(h -> {
            long users = h.createQuery("SELECT COUNT(*) FROM users").mapTo(Long.class).one();
            if (users == 0) {
                String pw = Passwords.random();
                insertUser(h, "admin", Role.ADMIN, pw);
                AuditLog.append(h, "system", "user.create", "admin", "first start: admin with a one-time password");
                return pw;
            }
            long usable = h.createQuery("SELECT COUNT(*) FROM users WHERE role = 'admin' AND (must_change = 0 "
                    + "OR password_expires = 0 OR password_expires >= :t)").bind("t", now).mapTo(Long.class).one();
            Optional<String> admin = h.createQuery("SELECT id FROM users WHERE username = 'admin' AND role = 'admin'")
                    .mapTo(String.class).findOne();
            if (usable > 0 || admin.isEmpty()) {
                return null;
            }
            String pw = Passwords.random();
            h.createUpdate("UPDATE users SET password_hash = :p, password_expires = :e WHERE id = :id").bind("p", Passwords.hash(pw))
                    .bind("e", now + limits.oneTimePasswordMillis()).bind("id", admin.get()).execute();
            AuditLog.append(h, "system", "user.reset", "admin", "start: the admin's one-time password had expired; a new one printed");
            return pw;
        });
    }

    private String insertUser(Handle h, String username, Role role, String password) {
        String id = UUID.randomUUID().toString();
        long now = clock.getAsLong();
        h.createUpdate("INSERT INTO users (id, username, role, password_hash, must_change, password_expires, created) "
                + "VALUES (:id, :u, :r, :p, 1, :e, :t)").bind("id", id).bind("u", username).bind("r", role.label())
                .bind("p", Passwords.hash(password)).bind("e", now + limits.oneTimePasswordMillis()).bind("t", now).execute();
        return id;
    }

    /** Creates a user with a one-time password (returned once, valid for {@link AuthLimits#oneTimePasswordMillis}). */
    public String createUser(Auth.Principal by, String username, Role role) {
        String name = Auth.fold(username);
        if (name == null || !name.matches("[a-z0-9._@-]{2,64}")) {
            throw new IllegalArgumentException("a user name is 2 to 64 letters, digits or . _ @ -");
        }
        String pw = Passwords.random();
        auth.check(() -> {
            store.writeVoid(h -> {
                if (h.createQuery("SELECT COUNT(*) FROM users WHERE username = :u").bind("u", name).mapTo(Long.class).one() > 0) {
                    throw new IllegalArgumentException("user " + name + " exists");
                }
                insertUser(h, name, role, pw);
                AuditLog.append(h, by.name(), "user.create", name, "role " + role.label());
            });
            return null;
        });
        return pw;
    }

    public List<Auth.User> users() {
        return store.read(h -> h.createQuery("SELECT * FROM users ORDER BY username").map((rs, ctx) -> user(rs)).list());
    }

    static Auth.User user(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Auth.User(rs.getString("id"), rs.getString("username"), Role.parse(rs.getString("role")),
                rs.getString("totp_secret") != null, rs.getInt("must_change") == 1);
    }

    /**
     * Resets a user: a new one-time password (returned once), the second factor cleared (to be
     * set up again), their sign-in failures forgotten, their sessions ended and their tokens revoked.
     */
    public String resetUser(Auth.Principal by, String username) {
        auth.requireStepUp(by, true);
        String name = Auth.fold(username);
        String pw = Passwords.random();
        long now = clock.getAsLong();
        auth.check(() -> {
            store.writeVoid(h -> {
                String id = userId(h, name);
                h.createUpdate("UPDATE users SET password_hash = :p, must_change = 1, password_expires = :e, totp_secret = NULL, "
                        + "totp_pending = NULL WHERE id = :id").bind("p", Passwords.hash(pw))
                        .bind("e", now + limits.oneTimePasswordMillis()).bind("id", id).execute();
                h.createUpdate("DELETE FROM sessions WHERE user_id = :id").bind("id", id).execute();
                h.createUpdate("DELETE FROM login_throttle WHERE k = :u OR k LIKE :ua").bind("u", SignInThrottle.accountKey(name))
                        .bind("ua", SignInThrottle.accountKey(name) + "|a:%").execute();
                int revoked = ApiTokens.revokeOf(h, id);
                AuditLog.append(h, by.name(), "user.reset", name, "one-time password, second factor cleared, " + revoked
                        + " tokens revoked");
            });
            return null;
        });
        return pw;
    }

    /** Deletes a user, ends their sessions and revokes their tokens; not oneself, not the last admin. */
    public void deleteUser(Auth.Principal by, String username) {
        String name = Auth.fold(username);
        store.writeVoid(h -> {
            String id = userId(h, name);
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
            h.createUpdate("DELETE FROM known_addresses WHERE user_id = :id").bind("id", id).execute();
            int revoked = ApiTokens.revokeOf(h, id);
            h.createUpdate("DELETE FROM users WHERE id = :id").bind("id", id).execute();
            AuditLog.append(h, by.name(), "user.delete", name, revoked + " tokens revoked");
        });
    }

    private static String userId(Handle h, String username) {
        return h.createQuery("SELECT id FROM users WHERE username = :u").bind("u", username).mapTo(String.class).findOne()
                .orElseThrow(() -> new NoSuchElementException("no user " + username));
    }

    /**
     * Changes the caller's password ({@link PasswordPolicy}); ends their other sessions; a session
     * that waited for it and is now complete is replaced (returned).
     */
    public Optional<Auth.NewSession> changePassword(Auth.Principal p, String current, String next) {
        String weak = PasswordPolicy.weakness(next, p.user().username(), current);
        if (weak != null) {
            throw new IllegalArgumentException(weak);
        }
        return auth.check(() -> store.write(h -> {
            String hash = h.createQuery("SELECT password_hash FROM users WHERE id = :id").bind("id", p.user().id())
                    .mapTo(String.class).one();
            if (!Passwords.verify(current, hash)) {
                throw new SecurityException("the current password is wrong");
            }
            h.createUpdate("UPDATE users SET password_hash = :p, must_change = 0, password_expires = 0 WHERE id = :id")
                    .bind("p", Passwords.hash(next)).bind("id", p.user().id()).execute();
            h.createUpdate("DELETE FROM sessions WHERE user_id = :id AND id_hash <> :s").bind("id", p.user().id())
                    .bind("s", p.session() == null ? "" : p.session()).execute();
            AuditLog.append(h, p.name(), "password.change", p.user().username(), null);
            return completeIfReady(h, p);
        }));
    }

    /**
     * Starts TOTP enrolment: a new secret, pending (beside any secret in use) until a code
     * confirms it. Changing a second factor in use needs a recent re-authentication with it.
     */
    public String[] totpEnroll(Auth.Principal p) {
        auth.requireStepUp(p, p.user().totp());
        String secret = Totp.secret();
        store.writeVoid(h -> {
            h.createUpdate("UPDATE users SET totp_pending = :s WHERE id = :id").bind("s", vault.encrypt(secret))
                    .bind("id", p.user().id()).execute();
            AuditLog.append(h, p.name(), "totp.enroll", p.user().username(), null);
        });
        return new String[] {secret, Totp.uri("Vigil", p.user().username(), secret)};
    }

    /** Confirms the pending secret with a code from it; it replaces the one in use. */
    public Optional<Auth.NewSession> totpConfirm(Auth.Principal p, String code) {
        String stored = store.read(h -> h.createQuery("SELECT totp_pending FROM users WHERE id = :id").bind("id", p.user().id())
                .mapTo(String.class).findOne().orElse(null));
        if (stored == null) {
            throw new IllegalArgumentException("start the enrolment first");
        }
        if (!auth.useCode(p.user().id(), vault.decrypt(stored), code, clock.getAsLong())) {
            throw new SecurityException("wrong one-time code");
        }
        return store.write(h -> {
            h.createUpdate("UPDATE users SET totp_secret = :s, totp_pending = NULL WHERE id = :id AND totp_pending = :s")
                    .bind("s", stored).bind("id", p.user().id()).execute();
            AuditLog.append(h, p.name(), "totp.enable", p.user().username(), null);
            return completeIfReady(h, p);
        });
    }

    /** A session that waited for setup and is now complete is replaced by a new, complete one. */
    private Optional<Auth.NewSession> completeIfReady(Handle h, Auth.Principal p) {
        if (p.session() == null || p.complete()) {
            return Optional.empty();
        }
        Map<String, Object> u = h.createQuery("SELECT role, must_change, totp_secret FROM users WHERE id = :id")
                .bind("id", p.user().id()).mapToMap().one();
        boolean totp = u.get("totp_secret") != null;
        boolean done = ((Number) u.get("must_change")).intValue() == 0
                && (!auth.requiresSecondFactor(Role.parse((String) u.get("role"))) || totp);
        if (!done) {
            return Optional.empty();
        }
        h.createUpdate("DELETE FROM sessions WHERE id_hash = :s").bind("s", p.session()).execute();
        AuditLog.append(h, p.name(), "session.rotate", null, "sign-in setup complete");
        return Optional.of(auth.newSession(h, p.user().id(), true, clock.getAsLong()));
    }
}
