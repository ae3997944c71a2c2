package dev.vigil.server.auth;

import dev.vigil.store.accounts.PendingTotp;
import dev.vigil.store.accounts.UserRow;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * People: the first admin, users with one-time passwords that expire, resets, deletion, one's own
 * password and second factor. Resetting a user and changing a second factor need a recent
 * re-authentication ({@link Auth#requireStepUp}); finishing the setup of a session (own password,
 * required second factor) replaces it with a new one.
 */
public final class Accounts {

    private final Auth auth;
    private final AuthStores stores;
    private final SignInThrottle throttle;
    private final LongSupplier clock;
    private final AuthLimits limits;

    Accounts(Auth auth, AuthStores stores, SignInThrottle throttle, LongSupplier clock, AuthLimits limits) {
        this.auth = auth;
        this.stores = stores;
        this.throttle = throttle;
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
        return stores.tx().inTransaction(() -> {
            List<UserRow> users = stores.users().all();
            if (users.isEmpty()) {
                String pw = Passwords.random();
                insertUser("admin", Role.ADMIN, pw);
                stores.audit().append("system", "user.create", "admin", "first start: admin with a one-time password");
                return pw;
            }
            boolean usable = users.stream().anyMatch(u -> u.role().equals("admin")
                    && (!u.mustChange() || u.passwordExpires() == 0 || u.passwordExpires() >= now));
            Optional<UserRow> admin = users.stream().filter(u -> u.username().equals("admin") && u.role().equals("admin")).findFirst();
            if (usable || admin.isEmpty()) {
                return null;
            }
            String pw = Passwords.random();
            stores.users().oneTimePassword(admin.get().id(), Passwords.hash(pw), now + limits.oneTimePasswordMillis());
            stores.audit().append("system", "user.reset", "admin", "start: the admin's one-time password had expired; a new one printed");
            return pw;
        });
    }

    private void insertUser(String username, Role role, String password) {
        long now = clock.getAsLong();
        stores.users().insert(UUID.randomUUID().toString(), username, role.label(), Passwords.hash(password),
                now + limits.oneTimePasswordMillis(), now);
    }

    /** Creates a user with a one-time password (returned once, valid for {@link AuthLimits#oneTimePasswordMillis}). */
    public String createUser(Auth.Principal by, String username, Role role) {
        String name = Auth.fold(username);
        if (name == null || !name.matches("[a-z0-9._@-]{2,64}")) {
            throw new IllegalArgumentException("a user name is 2 to 64 letters, digits or . _ @ -");
        }
        String pw = Passwords.random();
        auth.check(() -> {
            stores.tx().inTransaction(() -> {
                if (stores.users().byName(name).isPresent()) {
                    throw new IllegalArgumentException("user " + name + " exists");
                }
                insertUser(name, role, pw);
                stores.audit().append(by.name(), "user.create", name, "role " + role.label());
            });
            return null;
        });
        return pw;
    }

    public List<Auth.User> users() {
        return stores.users().all().stream().map(Accounts::user).toList();
    }

    static Auth.User user(UserRow u) {
        return new Auth.User(u.id(), u.username(), Role.parse(u.role()), u.totpSecret() != null, u.mustChange());
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
            stores.tx().inTransaction(() -> {
                String id = userId(name);
                stores.users().reset(id, Passwords.hash(pw), now + limits.oneTimePasswordMillis());
                stores.sessions().deleteOfUser(id);
                throttle.clearAccount(name);
                int revoked = stores.tokens().revokeOf(id);
                stores.audit().append(by.name(), "user.reset", name, "one-time password, second factor cleared, " + revoked
                        + " tokens revoked");
            });
            return null;
        });
        return pw;
    }

    /** Deletes a user, ends their sessions and revokes their tokens; not oneself, not the last admin. */
    public void deleteUser(Auth.Principal by, String username) {
        String name = Auth.fold(username);
        stores.tx().inTransaction(() -> {
            UserRow u = stores.users().byName(name).orElseThrow(() -> new NoSuchElementException("no user " + name));
            if (by.user() != null && by.user().id().equals(u.id())) {
                throw new IllegalArgumentException("you cannot delete yourself");
            }
            long admins = stores.users().all().stream().filter(x -> x.role().equals("admin") && !x.id().equals(u.id())).count();
            if ("admin".equals(u.role()) && admins == 0) {
                throw new IllegalArgumentException("the last admin cannot be deleted");
            }
            stores.sessions().deleteOfUser(u.id());
            stores.signIns().forget(u.id());
            int revoked = stores.tokens().revokeOf(u.id());
            stores.users().delete(u.id());
            stores.audit().append(by.name(), "user.delete", name, revoked + " tokens revoked");
        });
    }

    private String userId(String username) {
        return stores.users().byName(username).map(UserRow::id)
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
        return auth.check(() -> stores.tx().inTransaction(() -> {
            String hash = stores.users().byId(p.user().id()).orElseThrow().passwordHash();
            if (!Passwords.verify(current, hash)) {
                throw new SecurityException("the current password is wrong");
            }
            stores.users().ownPassword(p.user().id(), Passwords.hash(next));
            stores.sessions().deleteOthersOfUser(p.user().id(), p.session() == null ? "" : p.session());
            stores.audit().append(p.name(), "password.change", p.user().username(), null);
            return completeIfReady(p);
        }));
    }

    /**
     * Starts TOTP enrolment: a new secret, pending (beside any secret in use) until a code
     * confirms it. Changing a second factor in use needs a recent re-authentication with it.
     */
    public String[] totpEnroll(Auth.Principal p) {
        auth.requireStepUp(p, p.user().totp());
        String secret = Totp.secret();
        stores.tx().inTransaction(() -> {
            stores.users().pendingTotp(p.user().id(), secret);
            stores.audit().append(p.name(), "totp.enroll", p.user().username(), null);
        });
        return new String[] {secret, Totp.uri("Vigil", p.user().username(), secret)};
    }

    /** Confirms the pending secret with a code from it; it replaces the one in use. */
    public Optional<Auth.NewSession> totpConfirm(Auth.Principal p, String code) {
        PendingTotp pending = stores.users().pendingTotp(p.user().id())
                .orElseThrow(() -> new IllegalArgumentException("start the enrolment first"));
        if (!auth.useCode(p.user().id(), pending.secret(), code, clock.getAsLong())) {
            throw new SecurityException("wrong one-time code");
        }
        return stores.tx().inTransaction(() -> {
            stores.users().confirmTotp(p.user().id(), pending);
            stores.audit().append(p.name(), "totp.enable", p.user().username(), null);
            return completeIfReady(p);
        });
    }

    /** A session that waited for setup and is now complete is replaced by a new, complete one. */
    private Optional<Auth.NewSession> completeIfReady(Auth.Principal p) {
        if (p.session() == null || p.complete()) {
            return Optional.empty();
        }
        UserRow u = stores.users().byId(p.user().id()).orElseThrow();
        boolean done = !u.mustChange() && (!auth.requiresSecondFactor(Role.parse(u.role())) || u.totpSecret() != null);
        if (!done) {
            return Optional.empty();
        }
        stores.sessions().delete(p.session());
        stores.audit().append(p.name(), "session.rotate", null, "sign-in setup complete");
        return Optional.of(auth.newSession(p.user().id(), true, clock.getAsLong()));
    }
}
