package dev.vigil.server.api.sessions;

import static dev.vigil.server.api.Params.body;
import static dev.vigil.server.api.Params.field;
import static dev.vigil.server.api.Params.required;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.vigil.engine.net.Cidr;
import dev.vigil.server.api.ApiError;
import dev.vigil.server.api.Caller;
import dev.vigil.server.auth.Auth;
import dev.vigil.server.auth.Role;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Signing in and out, and the caller's own account: who it is, its password, step-up
 * re-authentication, its second factor. Session cookies are HttpOnly and SameSite=Strict (Secure
 * over HTTPS); a setup step that completes the session replaces it (a new cookie and CSRF token).
 */
public final class SessionRoutes implements EndpointGroup {

    /** The session cookie's name. */
    public static final String COOKIE = "vigil_session";

    record LoginAnswer(Auth.User user, String csrf, boolean passwordChangeRequired, boolean totpSetupRequired) {
    }

    /** @param stepUpUntil until when step-up changes are allowed (epoch ms), or null */
    record Me(Auth.User user, Role role, String token, String csrf, boolean complete, Set<String> scopes, Long stepUpUntil) {
    }

    /** A step done; {@code csrf} is the new session's when the step completed the sign-in, else absent. */
    record Done(boolean ok, @JsonInclude(JsonInclude.Include.NON_NULL) String csrf) {
    }

    record Reauthenticated(boolean ok, long validForSeconds) {
    }

    record TotpEnrolment(String secret, String uri, String qr) {
    }

    private final Auth auth;
    private final List<Cidr> trustedProxies;
    private final boolean secureCookies;

    /**
     * @param trustedProxies reverse proxies whose X-Forwarded-For names the client
     * @param secureCookies whether cookies are sent over HTTPS only
     */
    public SessionRoutes(Auth auth, List<Cidr> trustedProxies, boolean secureCookies) {
        this.auth = auth;
        this.trustedProxies = trustedProxies;
        this.secureCookies = secureCookies;
    }

    @Override
    public void addEndpoints() {
        post("login", this::login);
        post("logout", this::logout, Role.VIEWER);
        path("me", () -> {
            get(this::me, Role.VIEWER);
            post("password", ctx -> {
                Caller.requirePerson(ctx);
                Map<String, Object> b = body(ctx);
                done(ctx, auth.accounts().changePassword(Caller.of(ctx), required(b, "current", 256), required(b, "next", 256)));
            }, Role.VIEWER);
            post("reauth", this::reauth, Role.VIEWER);
            post("totp", ctx -> {
                Caller.requirePerson(ctx);
                String[] x = auth.accounts().totpEnroll(Caller.of(ctx));
                ctx.json(new TotpEnrolment(x[0], x[1], QrCodes.dataUri(x[1])));
            }, Role.VIEWER);
            post("totp/confirm", ctx -> {
                Caller.requirePerson(ctx);
                done(ctx, auth.accounts().totpConfirm(Caller.of(ctx), required(body(ctx), "code", 16)));
            }, Role.VIEWER);
        });
    }

    private void login(Context ctx) {
        sameOriginJson(ctx);
        Map<String, Object> b = body(ctx);
        Auth.Login l = auth.login(field(b, "username", 64), field(b, "password", 256), field(b, "code", 16),
                Caller.address(ctx, trustedProxies));
        setCookie(ctx, l.session());
        ctx.json(new LoginAnswer(l.user(), l.session().csrf(), l.passwordChangeRequired(), l.totpSetupRequired()));
    }

    private void logout(Context ctx) {
        auth.logout(Caller.of(ctx));
        ctx.removeCookie(COOKIE, "/");
        ctx.json(new Done(true, null));
    }

    private void me(Context ctx) {
        Auth.Principal p = Caller.of(ctx);
        ctx.json(new Me(p.user(), p.role(), p.token(), p.csrf(), p.complete(), p.scopes(), p.reauthUntil() == 0 ? null
                : p.reauthUntil()));
    }

    private void reauth(Context ctx) {
        Caller.requirePerson(ctx);
        Map<String, Object> b = body(ctx);
        auth.reauthenticate(Caller.of(ctx), required(b, "password", 256), field(b, "code", 16), Caller.address(ctx, trustedProxies));
        ctx.json(new Reauthenticated(true, auth.limits().stepUpMillis() / 1000));
    }

    private void setCookie(Context ctx, Auth.NewSession session) {
        ctx.header("Set-Cookie", COOKIE + "=" + session.token() + "; Path=/; HttpOnly; SameSite=Strict; Max-Age="
                + auth.limits().sessionMillis() / 1000 + (secureCookies ? "; Secure" : ""));
    }

    /** The answer to a setup step: when it completed the session, the new session's cookie and CSRF token. */
    private void done(Context ctx, Optional<Auth.NewSession> next) {
        next.ifPresent(n -> setCookie(ctx, n));
        ctx.json(new Done(true, next.map(Auth.NewSession::csrf).orElse(null)));
    }

    /**
     * A sign-in must be a JSON request from this server's own pages (login CSRF, OWASP ASVS
     * 4.0.3 V4.2.2): {@code Content-Type: application/json}, which a cross-site form cannot send
     * without a preflight, and, when the browser says, the same origin ({@code Sec-Fetch-Site},
     * else {@code Origin} against {@code Host}). Clients that send neither header (scripts) pass.
     */
    static void sameOriginJson(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiError(415, "sign in with Content-Type: application/json");
        }
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new ApiError(403, "a sign-in from another site is refused");
        }
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        if (origin != null && host != null) {
            String o = origin.replaceFirst("^[a-zA-Z]+://", "");
            if (!o.equalsIgnoreCase(host)) {
                throw new ApiError(403, "a sign-in from another site is refused");
            }
        }
    }
}
