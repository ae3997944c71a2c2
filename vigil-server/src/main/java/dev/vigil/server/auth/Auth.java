package dev.vigil.server.auth;

import dev.vigil.server.outputs.Notice;
import dev.vigil.store.accounts.SessionRow;
import dev.vigil.store.accounts.UserRow;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Signing in, sessions and step-up re-authentication. A sign-in is throttled per address (a
 * minute's budget, in memory) and, in the store, per account and address and per account with
 * doubling waits ({@link SignInThrottle}); its password check runs under the global cap
 * ({@link PasswordChecks}); every way it can fail gives the same answer ({@link #SIGN_IN_FAILED})
 * after the same work, so neither the answer nor its timing tells which names exist.
 */
public final class Auth {

    /** The one answer to a failed sign-in, whatever failed. */
    public static final String SIGN_IN_FAILED = "wrong user name, password or one-time code";
    static final String SECOND_FACTOR_SETTING = "auth.second_factor_from";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String DUMMY_HASH = Passwords.hash(random());

    /** A user as the API shows it. */
    public record User(String id, String username, Role role, boolean totp, boolean mustChange) {
    }

    /**
     * Who is calling.
     *
     * @param user the user, or null for an API token
     * @param session the session id hash (cookie sign-ins), or null
     * @param csrf the session's CSRF token (cookie sign-ins), or null
     * @param complete false while a one-time password must be changed or a required second factor set up
     * @param token the API token's name, or null
     * @param scopes what an API token may reach ({@link Scopes}); {@code *} for people
     * @param reauthUntil until when the session may make step-up changes (epoch ms)
     */
    public record Principal(User user, Role role, String session, String csrf, boolean complete, String token,
            Set<String> scopes, long reauthUntil) {

        public String name() {
            return user != null ? user.username() : "token:" + token;
        }

        static Principal token(String name, Role role, Set<String> scopes) {
            return new Principal(null, role, null, null, true, name, scopes, 0);
        }
    }

    /** A new session: the cookie's token and its CSRF token (sign-in, and a session rotated at the end of setup). */
    public record NewSession(String token, String csrf) {
    }

    /** A successful sign-in. */
    public record Login(NewSession session, User user, boolean totpSetupRequired, boolean passwordChangeRequired) {
    }

    private final AuthStores stores;
    private final LongSupplier clock;
    private final AuthLimits limits;
    private final Consumer<Notice> notices;
    private final PasswordChecks checks;
    private final AddressBudget budget;
    private final SignInThrottle throttle;
    private final ApiTokens tokens;
    private final Accounts accounts;
    private final Map<String, Long> lastSeenWritten = new ConcurrentHashMap<>();
    private volatile Role secondFactorFrom;

    public Auth(AuthStores stores, LongSupplier clock, AuthLimits limits, Consumer<Notice> notices) {
        this.stores = stores;
        this.clock = clock;
        this.limits = limits;
        this.notices = notices;
        this.checks = new PasswordChecks(limits);
        this.budget = new AddressBudget(limits.attemptsPerMinutePerAddress());
        this.throttle = new SignInThrottle(limits, stores.signIns());
        this.tokens = new ApiTokens(stores.tokens(), stores.audit(), stores.tx(), clock);
        this.accounts = new Accounts(this, stores, throttle, clock, limits);
        String from = stores.settings().get(SECOND_FACTOR_SETTING);
        this.secondFactorFrom = from == null ? Role.ADMIN : Role.parse(from);
    }

    public ApiTokens tokens() {
        return tokens;
    }

    public Accounts accounts() {
        return accounts;
    }

    public AuthLimits limits() {
        return limits;
    }

    /** Sign-ins refused because no password check was free (503). */
    public long busyRefusals() {
        return checks.refused();
    }

    /** User names are compared folded to lower case. */
    public static String fold(String username) {
        return username == null ? null : username.trim().toLowerCase(Locale.ROOT);
    }

    /** Runs Argon2id work under the global cap; a 503 refusal when none is free. */
    <T> T check(java.util.function.Supplier<T> work) {
        try {
            return checks.run(work);
        } catch (PasswordChecks.Busy e) {
            throw Refusal.busy();
        }
    }

    /**
     * Signs in with a password and, for users who have a second factor, its code; every failure is
     * a {@link Refusal}: 401 {@link #SIGN_IN_FAILED}, 429 when throttled, 503 when busy.
     */
    public Login login(String username, String password, String code, String address) {
        long now = clock.getAsLong();
        String addr = address == null ? "?" : address;
        if (!budget.allow(addr, now)) {
            throw Refusal.throttled(60);
        }
        if (username == null || username.isBlank() || password == null) {
            throw new IllegalArgumentException("user name and password are required");
        }
        String name = fold(username);
        Verified v = verify(name, password, code, addr, now);
        UserRow row = v.row();
        String id = row.id();
        Role role = Role.parse(row.role());
        boolean mustChange = row.mustChange();
        boolean hasTotp = row.totpSecret() != null;
        boolean totpSetup = requiresSecondFactor(role) && !hasTotp;
        NewSession s = stores.tx().inTransaction(() -> {
            throttle.clear(SignInThrottle.addressKey(name, addr));
            if (v.accountWithinBudget()) {
                throttle.clear(SignInThrottle.accountKey(name));
            }
            throttle.remember(id, addr, now);
            NewSession made = newSession(id, !(totpSetup || mustChange), now);
            stores.audit().append(name, "login.success", null, "from " + addr);
            return made;
        });
        return new Login(s, new User(id, name, role, hasTotp, mustChange), totpSetup, mustChange);
    }

    /** A password (and code) that checked out, and whether the account's own budget had room. */
    private record Verified(UserRow row, boolean accountWithinBudget) {
    }

    /**
     * Claims the attempt on both throttle keys, then checks the password and code under the global
     * cap. Throttled or failed: a {@link Refusal}, after counting.
     */
    private Verified verify(String name, String password, String code, String addr, long now) {
        String ka = SignInThrottle.addressKey(name, addr);
        String ku = SignInThrottle.accountKey(name);
        UserRow row = stores.users().byName(name).orElse(null);
        boolean known = row != null && throttle.known(row.id(), addr);
        // already waiting: refused (and counted) without a password check
        long waitA = throttle.blockedUntil(ka, now);
        long waitU = known ? 0 : throttle.blockedUntil(ku, now);
        if (waitA > 0 || waitU > 0) {
            stores.tx().inTransaction(() -> {
                throttle.claim(ka, limits.failuresBeforeDelay(), now);
                throttle.claim(ku, limits.accountFailuresBeforeDelay(), now);
            });
            throw Refusal.throttled(Math.max(1, (Math.max(waitA, waitU) - now + 999) / 1000));
        }
        return check(() -> {
            SignInThrottle.Claim[] c = stores.tx().inTransaction(() -> new SignInThrottle.Claim[] {
                throttle.claim(ka, limits.failuresBeforeDelay(), now),
                throttle.claim(ku, limits.accountFailuresBeforeDelay(), now)});
            if (throttle.atLockout(c[1], limits.accountFailuresBeforeDelay())
                    || throttle.atLockout(c[0], limits.failuresBeforeDelay())) {
                lockoutLevel(name, addr, c[1].failures(), row != null);
            }
            if (!c[0].granted() || !c[1].granted() && !known) {
                throw Refusal.throttled((!c[0].granted() ? c[0] : c[1]).retryAfterSeconds(now));
            }
            if (!passwordAndCode(row, password, code, now)) {
                if (row == null) {
                    stores.audit().append("anonymous", "login.failure", null, "unknown user name '" + printable(name)
                            + "' from " + addr);
                } else {
                    stores.audit().append(name, "login.failure", null, "from " + addr + ", failure " + c[1].failures());
                }
                throw Refusal.signIn();
            }
            return new Verified(row, c[1].granted());
        });
    }

    /** One Argon2id whether or not the user exists; then the one-time password's expiry and the code. */
    private boolean passwordAndCode(UserRow row, String password, String code, long now) {
        if (row == null) {
            Passwords.verify(password, DUMMY_HASH);
            return false;
        }
        String hash = row.passwordHash();
        if (!Passwords.verify(password, hash)) {
            return false;
        }
        long expires = row.passwordExpires();
        if (row.mustChange() && expires > 0 && expires < now) {
            return false;
        }
        if (row.totpSecret() != null && !useCode(row.id(), row.totpSecret(), code, now)) {
            return false;
        }
        if (!Passwords.current(hash)) {
            // made with older parameters: made again now that the password is known
            stores.users().rehash(row.id(), Passwords.hash(password));
        }
        return true;
    }

    /**
     * Accepts a TOTP code once: its step must be later than the last one accepted for the user,
     * recorded in the same atomic update (RFC 6238 §5.2), so neither a restart nor a second
     * instance on the same store accepts it again.
     */
    boolean useCode(String userId, String secret, String code, long now) {
        long step = Totp.verify(secret, code, now);
        return step >= 0 && stores.users().useTotpStep(userId, step);
    }

    private void lockoutLevel(String name, String addr, long failures, boolean exists) {
        String text = "sign-ins to " + (exists ? "account '" + name + "'" : "an unknown account") + " are throttled to one per "
                + limits.maxDelayMillis() / 60_000 + " min after " + failures + " failures (latest from " + addr + ")";
        stores.audit().append(exists ? name : "anonymous", "login.throttle", exists ? name : null,
                (exists ? "" : "user name '" + printable(name) + "': ") + text);
        notices.accept(new Notice("login.throttle", "high", text, Notice.fields("account", exists ? name : "(unknown)", "address", addr,
                "failures", failures)));
    }

    /** A user name someone typed, for the audit log: printable, at most 64 characters. */
    static String printable(String s) {
        String x = s.replaceAll("[^\\p{Graph} ]", "?");
        return x.length() > 64 ? x.substring(0, 64) + "…" : x;
    }

    /** A session row; a complete one may make step-up changes for {@link AuthLimits#stepUpMillis} (it was just proven). */
    NewSession newSession(String userId, boolean complete, long now) {
        String token = random();
        String csrf = random();
        stores.sessions().insert(sha256(token), userId, csrf, complete, now, now + limits.sessionMillis(),
                now + limits.stepUpMillis());
        return new NewSession(token, csrf);
    }

    /** The principal of a session cookie, or empty; a session past its life or idle too long ends. */
    public Optional<Principal> session(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        long now = clock.getAsLong();
        String hash = sha256(token);
        // empty: no such session; an empty principal: one that ended (past its life or idle too long)
        Optional<Optional<Principal>> row = stores.sessions().find(hash).map(r -> principal(r, now));
        if (row.isEmpty()) {
            return Optional.empty(); // a cookie of no session: nothing to write (guessing cookies costs a read)
        }
        Optional<Principal> p = row.get();
        if (p.isEmpty()) {
            lastSeenWritten.remove(hash);
            stores.sessions().delete(hash);
            return p;
        }
        Long written = lastSeenWritten.get(hash);
        if (written == null || now - written >= 60_000) {
            // last use is kept to the minute: a write per request would serialise every call
            lastSeenWritten.put(hash, now);
            stores.sessions().seen(hash, now);
        }
        return p;
    }

    /** The principal of a session in force, or empty when it ended (past its life or idle too long). */
    private Optional<Principal> principal(SessionRow r, long now) {
        if (r.expires() < now || now - r.lastSeen() > limits.idleMillis()) {
            return Optional.empty();
        }
        User u = Accounts.user(r.user());
        return Optional.of(new Principal(u, u.role(), r.idHash(), r.csrf(), r.complete(), null, Set.of("*"), r.reauthUntil()));
    }

    /** The principal of an API token in force, or empty. */
    public Optional<Principal> token(String bearer) {
        return tokens.authenticate(bearer);
    }

    public void logout(Principal p) {
        if (p.session() != null) {
            stores.tx().inTransaction(() -> {
                stores.sessions().delete(p.session());
                stores.audit().append(p.name(), "logout", null, null);
            });
        }
    }

    /**
     * Re-authenticates a session (password, and code when the user has a second factor) for the
     * step-up changes of the next {@link AuthLimits#stepUpMillis}; throttled and counted like a sign-in.
     */
    public void reauthenticate(Principal p, String password, String code, String address) {
        if (p.session() == null) {
            throw new Refusal(403, "an API token cannot re-authenticate; sign in as a person", null, 0);
        }
        long now = clock.getAsLong();
        String addr = address == null ? "?" : address;
        if (!budget.allow(addr, now)) {
            throw Refusal.throttled(60);
        }
        verify(p.user().username(), password == null ? "" : password, code, addr, now);
        stores.tx().inTransaction(() -> {
            stores.sessions().reauthenticated(p.session(), now + limits.stepUpMillis());
            stores.audit().append(p.name(), "reauth", null, "from " + addr);
        });
    }

    /**
     * Refuses unless a person re-authenticated (or signed in) within {@link AuthLimits#stepUpMillis},
     * and, with {@code secondFactor}, has a second factor.
     */
    public void requireStepUp(Principal p, boolean secondFactor) {
        if (p.user() == null) {
            throw new Refusal(403, "this needs a person's re-authentication; an API token cannot do it", "reauth_required", 0);
        }
        if (secondFactor && !p.user().totp()) {
            throw new Refusal(403, "this needs a second factor: set up two-factor authentication first", "second_factor_required",
                    0);
        }
        if (p.reauthUntil() < clock.getAsLong()) {
            throw new Refusal(403, "confirm it is you: re-authenticate (POST /api/me/reauth with password and code) and try again",
                    "reauth_required", 0);
        }
    }

    /** True when users of {@code role} must have a second factor. */
    public boolean requiresSecondFactor(Role role) {
        return role.atLeast(secondFactorFrom);
    }

    public Role secondFactorFrom() {
        return secondFactorFrom;
    }

    /** The sign-in policy: every role from {@code from} up must have a second factor. */
    public void secondFactorFrom(Principal by, Role from) {
        requireStepUp(by, true);
        stores.tx().inTransaction(() -> {
            stores.settings().put(SECOND_FACTOR_SETTING, from.label());
            stores.audit().append(by.name(), "policy.second_factor", from.label(), "required from role " + from.label() + " up");
        });
        secondFactorFrom = from;
    }

    /** Forgets failures no longer counted and sessions that ended. */
    public void prune() {
        long now = clock.getAsLong();
        throttle.prune(now);
        stores.sessions().deleteEnded(now, now - limits.idleMillis());
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
