package dev.vigil.server.auth;

import dev.vigil.server.audit.AuditLog;
import dev.vigil.server.crypto.Vault;
import dev.vigil.server.outputs.Notice;
import dev.vigil.server.store.Store;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Handle;

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

    private final Store store;
    private final Vault vault;
    private final LongSupplier clock;
    private final AuthLimits limits;
    private final Consumer<Notice> notices;
    private final PasswordChecks checks;
    private final SignInThrottle throttle;
    private final ApiTokens tokens;
    private final Accounts accounts;
    private final Map<String, Deque<Long>> attempts = new ConcurrentHashMap<>();
    private final Map<String, Long> lastSeenWritten = new ConcurrentHashMap<>();
    private volatile Role secondFactorFrom;

    public Auth(Store store, Vault vault, LongSupplier clock, AuthLimits limits, Consumer<Notice> notices) {
        this.store = store;
        this.vault = vault;
        this.clock = clock;
        this.limits = limits;
        this.notices = notices;
        this.checks = new PasswordChecks(limits);
        this.throttle = new SignInThrottle(limits);
        this.tokens = new ApiTokens(store, clock);
        this.accounts = new Accounts(this, store, vault, clock, limits);
        String from = store.read(h -> store.setting(h, SECOND_FACTOR_SETTING));
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
        if (!allow(addr, now)) {
            throw Refusal.throttled(60);
        }
        if (username == null || username.isBlank() || password == null) {
            throw new IllegalArgumentException("user name and password are required");
        }
        String name = fold(username);
        Verified v = verify(name, password, code, addr, now);
        Map<String, Object> row = v.row();
        String id = (String) row.get("id");
        Role role = Role.parse((String) row.get("role"));
        boolean mustChange = ((Number) row.get("must_change")).intValue() == 1;
        boolean hasTotp = row.get("totp_secret") != null;
        boolean totpSetup = requiresSecondFactor(role) && !hasTotp;
        NewSession s = store.write(h -> {
            throttle.clear(h, SignInThrottle.addressKey(name, addr));
            if (v.accountWithinBudget()) {
                throttle.clear(h, SignInThrottle.accountKey(name));
            }
            throttle.remember(h, id, addr, now);
            NewSession made = newSession(h, id, !(totpSetup || mustChange), now);
            AuditLog.append(h, name, "login.success", null, "from " + addr);
            return made;
        });
        return new Login(s, new User(id, name, role, hasTotp, mustChange), totpSetup, mustChange);
    }

    /** A password (and code) that checked out, and whether the account's own budget had room. */
    private record Verified(Map<String, Object> row, boolean accountWithinBudget) {
    }

    /**
     * Claims the attempt on both throttle keys, then checks the password and code under the global
     * cap. Throttled or failed: a {@link Refusal}, after counting.
     */
    private Verified verify(String name, String password, String code, String addr, long now) {
        String ka = SignInThrottle.addressKey(name, addr);
        String ku = SignInThrottle.accountKey(name);
        Map<String, Object> row = store.read(h -> h.createQuery("SELECT * FROM users WHERE username = :u").bind("u", name)
                .mapToMap().findOne().orElse(null));
        boolean known = row != null && store.read(h -> throttle.known(h, (String) row.get("id"), addr));
        // already waiting: refused (and counted) without a password check
        long waitA = store.read(h -> throttle.blockedUntil(h, ka, now));
        long waitU = known ? 0 : store.read(h -> throttle.blockedUntil(h, ku, now));
        if (waitA > 0 || waitU > 0) {
            store.writeVoid(h -> {
                throttle.claim(h, ka, limits.failuresBeforeDelay(), now);
                throttle.claim(h, ku, limits.accountFailuresBeforeDelay(), now);
            });
            throw Refusal.throttled(Math.max(1, (Math.max(waitA, waitU) - now + 999) / 1000));
        }
        return check(() -> {
            SignInThrottle.Claim[] c = store.write(h -> new SignInThrottle.Claim[] {
                throttle.claim(h, ka, limits.failuresBeforeDelay(), now),
                throttle.claim(h, ku, limits.accountFailuresBeforeDelay(), now)});
            if (throttle.atLockout(c[1], limits.accountFailuresBeforeDelay())
                    || throttle.atLockout(c[0], limits.failuresBeforeDelay())) {
                lockoutLevel(name, addr, c[1].failures(), row != null);
            }
            if (!c[0].granted() || !c[1].granted() && !known) {
                throw Refusal.throttled((!c[0].granted() ? c[0] : c[1]).retryAfterSeconds(now));
            }
            if (!passwordAndCode(row, password, code, now)) {
                if (row == null) {
                    AuditLog.append(store, "anonymous", "login.failure", null, "unknown user name '" + printable(name)
                            + "' from " + addr);
                } else {
                    AuditLog.append(store, name, "login.failure", null, "from " + addr + ", failure " + c[1].failures());
                }
                throw Refusal.signIn();
            }
            return new Verified(row, c[1].granted());
        });
    }

    /** One Argon2id whether or not the user exists; then the one-time password's expiry and the code. */
    private boolean passwordAndCode(Map<String, Object> row, String password, String code, long now) {
        if (row == null) {
            Passwords.verify(password, DUMMY_HASH);
            return false;
        }
        String hash = (String) row.get("password_hash");
        if (!Passwords.verify(password, hash)) {
            return false;
        }
        long expires = ((Number) row.get("password_expires")).longValue();
        if (((Number) row.get("must_change")).intValue() == 1 && expires > 0 && expires < now) {
            return false;
        }
        String id = (String) row.get("id");
        if (row.get("totp_secret") != null && !useCode(id, vault.decrypt((String) row.get("totp_secret")), code, now)) {
            return false;
        }
        if (!Passwords.current(hash)) {
            // made with older parameters: made again now that the password is known
            store.writeVoid(h -> h.createUpdate("UPDATE users SET password_hash = :p WHERE id = :id")
                    .bind("p", Passwords.hash(password)).bind("id", id).execute());
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
        return step >= 0 && store.write(h -> h.createUpdate("UPDATE users SET totp_last_step = :s WHERE id = :id AND "
                + "totp_last_step < :s").bind("s", step).bind("id", userId).execute()) == 1;
    }

    private void lockoutLevel(String name, String addr, long failures, boolean exists) {
        String text = "sign-ins to " + (exists ? "account '" + name + "'" : "an unknown account") + " are throttled to one per "
                + limits.maxDelayMillis() / 60_000 + " min after " + failures + " failures (latest from " + addr + ")";
        AuditLog.append(store, exists ? name : "anonymous", "login.throttle", exists ? name : null,
                (exists ? "" : "user name '" + printable(name) + "': ") + text);
        notices.accept(new Notice("login.throttle", "high", text, Notice.fields("account", exists ? name : "(unknown)", "address", addr,
                "failures", failures)));
    }

    /** A user name someone typed, for the audit log: printable, at most 64 characters. */
    static String printable(String s) {
        String x = s.replaceAll("[^\\p{Graph} ]", "?");
        return x.length() > 64 ? x.substring(0, 64) + "…" : x;
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
        Deque<Long> d = attempts.computeIfAbsent(ip, k -> new ArrayDeque<>());
        synchronized (d) {
            while (!d.isEmpty() && now - d.peekFirst() > 60_000) {
                d.pollFirst();
            }
            if (d.size() >= limits.attemptsPerMinutePerAddress()) {
                return false;
            }
            d.addLast(now);
            return true;
        }
    }

    /** A session row; a complete one may make step-up changes for {@link AuthLimits#stepUpMillis} (it was just proven). */
    NewSession newSession(Handle h, String userId, boolean complete, long now) {
        String token = random();
        String csrf = random();
        h.createUpdate("INSERT INTO sessions (id_hash, user_id, csrf, mfa_ok, created, expires, last_seen, reauth_until) "
                + "VALUES (:s, :u, :c, :m, :t, :e, :t, :r)").bind("s", sha256(token)).bind("u", userId).bind("c", csrf)
                .bind("m", complete ? 1 : 0).bind("t", now).bind("e", now + limits.sessionMillis())
                .bind("r", now + limits.stepUpMillis()).execute();
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
        Optional<Optional<Principal>> row = store.read(h -> h.createQuery("SELECT s.csrf, s.mfa_ok, s.expires, s.id_hash, "
                + "s.last_seen, s.reauth_until, u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = :s")
                .bind("s", hash).map((rs, ctx) -> {
                    if (rs.getLong("expires") < now || now - rs.getLong("last_seen") > limits.idleMillis()) {
                        return Optional.<Principal>empty();
                    }
                    User u = Accounts.user(rs);
                    return Optional.of(new Principal(u, u.role(), rs.getString("id_hash"), rs.getString("csrf"),
                            rs.getInt("mfa_ok") == 1, null, Set.of("*"), rs.getLong("reauth_until")));
                }).findOne());
        if (row.isEmpty()) {
            return Optional.empty(); // a cookie of no session: nothing to write (guessing cookies costs a read)
        }
        Optional<Principal> p = row.get();
        if (p.isEmpty()) {
            lastSeenWritten.remove(hash);
            store.writeVoid(h -> h.createUpdate("DELETE FROM sessions WHERE id_hash = :s").bind("s", hash).execute());
            return p;
        }
        Long written = lastSeenWritten.get(hash);
        if (written == null || now - written >= 60_000) {
            // last use is kept to the minute: a write per request would serialise every call
            lastSeenWritten.put(hash, now);
            store.writeVoid(h -> h.createUpdate("UPDATE sessions SET last_seen = :t WHERE id_hash = :s").bind("t", now)
                    .bind("s", hash).execute());
        }
        return p;
    }

    /** The principal of an API token in force, or empty. */
    public Optional<Principal> token(String bearer) {
        return tokens.authenticate(bearer);
    }

    public void logout(Principal p) {
        if (p.session() != null) {
            store.writeVoid(h -> {
                h.createUpdate("DELETE FROM sessions WHERE id_hash = :s").bind("s", p.session()).execute();
                AuditLog.append(h, p.name(), "logout", null, null);
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
        if (!allow(addr, now)) {
            throw Refusal.throttled(60);
        }
        verify(p.user().username(), password == null ? "" : password, code, addr, now);
        store.writeVoid(h -> {
            h.createUpdate("UPDATE sessions SET reauth_until = :r WHERE id_hash = :s").bind("r", now + limits.stepUpMillis())
                    .bind("s", p.session()).execute();
            AuditLog.append(h, p.name(), "reauth", null, "from " + addr);
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
        store.writeVoid(h -> {
            store.setting(h, SECOND_FACTOR_SETTING, from.label());
            AuditLog.append(h, by.name(), "policy.second_factor", from.label(), "required from role " + from.label() + " up");
        });
        secondFactorFrom = from;
    }

    /** Forgets failures no longer counted and sessions that ended. */
    public void prune() {
        long now = clock.getAsLong();
        throttle.prune(store, now);
        store.writeVoid(h -> h.createUpdate("DELETE FROM sessions WHERE expires < :t OR last_seen < :i").bind("t", now)
                .bind("i", now - limits.idleMillis()).execute());
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
