package dev.vigil.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.server.api.ApiError;
import dev.vigil.server.api.Caller;
import dev.vigil.server.api.sessions.SessionRoutes;
import dev.vigil.server.auth.Auth;
import dev.vigil.server.auth.Role;
import dev.vigil.server.json.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server. Everything under {@code /api} needs a session cookie or an API token (401
 * without); each route names the least role it needs (viewer, analyst, admin); cookie sessions must
 * send their CSRF token in {@code X-CSRF-Token} with every change; a session still waiting for a
 * password change or a second factor can only reach {@code /api/me}. Errors are JSON with one
 * message, never a stack trace.
 */
public final class Api {

    private static final Logger LOG = LoggerFactory.getLogger(Api.class);
    /** The largest JSON request body read (every route but the CSV import, which streams). */
    static final long MAX_JSON_BODY = 1L << 20;
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    /** Where a session that is not complete yet may go. */
    private static final Set<String> INCOMPLETE_OK = Set.of("/api/me", "/api/me/password", "/api/me/totp",
            "/api/me/totp/confirm", "/api/logout");

    private Api() {
    }

    public static Javalin create(VigilServer s) {
        return create(s, null);
    }

    /** The server; with {@code tls}, one HTTPS connector on the configured address and nothing in clear. */
    public static Javalin create(VigilServer s, dev.vigil.server.crypto.Tls.Material tls) {
        ApiRoutes r = new ApiRoutes(s);
        Timer.Builder timer = Timer.builder("vigil_http_requests").description("API requests");
        return Javalin.create(cfg -> {
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            cfg.startup.showJavalinBanner = false;
            // JSON bodies (ctx.body()) are at most 1 MiB; the CSV import streams its own, larger limit (CsvImport)
            cfg.http.maxRequestSize = MAX_JSON_BODY;
            if (tls != null) {
                cfg.jetty.addConnector((server, http) -> {
                    http.addCustomizer(new org.eclipse.jetty.server.SecureRequestCustomizer(false));
                    var ssl = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
                    ssl.setKeyStore(tls.keyStore());
                    ssl.setKeyStorePassword(new String(dev.vigil.server.crypto.Tls.STORE_PASSWORD));
                    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
                    var c = new org.eclipse.jetty.server.ServerConnector(server,
                            new org.eclipse.jetty.server.SslConnectionFactory(ssl, "http/1.1"),
                            new org.eclipse.jetty.server.HttpConnectionFactory(http));
                    c.setHost(s.config().host());
                    c.setPort(s.config().port());
                    return c;
                });
            }
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/";
                sf.directory = "/web";
                sf.location = Location.CLASSPATH;
                sf.headers = Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff",
                        "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                                + "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
                        "Referrer-Policy", "no-referrer");
            });
            var routes = cfg.routes;
            routes.before(ctx -> {
                if (tls != null) {
                    ctx.header("Strict-Transport-Security", "max-age=31536000");
                }
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Cache-Control", "no-store");
                ctx.attribute("vigil.start", System.nanoTime());
                refuseDeclaredOversize(ctx);
            });
            routes.before("/api/*", ctx -> authenticate(s, ctx));
            routes.beforeMatched(ctx -> authorize(ctx));
            routes.after("/api/*", ctx -> {
                Long t0 = ctx.attribute("vigil.start");
                if (t0 != null && ctx.endpoint() != null) {
                    timer.tag("route", ctx.endpoint().path).tag("method", ctx.method().name())
                            .tag("status", Integer.toString(ctx.statusCode())).register(s.metrics())
                            .record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
                }
            });
            routes.get("/health", ctx -> health(s, ctx));
            routes.get("/metrics", ctx -> prometheus(s, ctx));
            routes.apiBuilder(r);
            routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage(), e.code()));
            routes.exception(dev.vigil.server.auth.Refusal.class, (e, ctx) -> {
                if (e.retryAfterSeconds() > 0) {
                    ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                }
                error(ctx, e.status(), e.getMessage(), e.code());
            });
            routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            routes.exception(NoSuchElementException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
            routes.exception(SecurityException.class, (e, ctx) -> error(ctx, 403, e.getMessage()));
            routes.exception(Exception.class, (e, ctx) -> {
                Throwable t = e;
                while (t != null) {
                    if (t instanceof JsonProcessingException j) {
                        error(ctx, 400, "the request body does not fit: " + j.getOriginalMessage());
                        return;
                    }
                    if (t instanceof ApiError a) {
                        error(ctx, a.status(), a.getMessage(), a.code());
                        return;
                    }
                    t = t.getCause();
                }
                if (e instanceof io.javalin.http.HttpResponseException h) {
                    error(ctx, h.getStatus(), h.getMessage());
                    return;
                }
                LOG.error("{} {}: internal error", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error (logged on the server)");
            });
            routes.error(404, ctx -> {
                // a handler's own 404 is JSON already; anything else under /api is a route that does not exist
                String type = ctx.res().getContentType();
                if (ctx.path().startsWith("/api/") && (type == null || !type.startsWith("application/json"))) {
                    error(ctx, 404, "no such route: " + ctx.method() + " " + ctx.path());
                }
            });
            routes.error(405, ctx -> error(ctx, 405, "method " + ctx.method() + " not allowed on " + ctx.path()));
        });
    }

    static void error(Context ctx, int status, String message) {
        error(ctx, status, message, null);
    }

    /** An error answer: one message, the status, and a machine-readable code when there is one. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Failure(String error, int status, String code) {
    }

    static void error(Context ctx, int status, String message, String code) {
        ctx.status(status).json(new Failure(message == null ? "error" : message, status, code));
    }

    /** The health answer; {@code degradedSources} only when some are. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Health(String status, Integer degradedSources) {
    }

    /**
     * Unauthenticated, for load balancers and supervisors: 200 "ready", or 503 "starting" or
     * "degraded" (a source failed and waits to restart, or stalled with input waiting) with how many
     * sources are; which ones and why is for signed-in users, in /api/ingest.
     */
    private static void health(VigilServer s, Context ctx) {
        boolean ready = s.ready();
        int degraded = ready ? s.ingest().degraded().size() : 0;
        ctx.status(ready && degraded == 0 ? 200 : 503).json(new Health(!ready ? "starting" : degraded > 0 ? "degraded" : "ready",
                degraded > 0 ? degraded : null));
    }

    /** Prometheus text format; needs an API token or a session like any other data. */
    private static void prometheus(VigilServer s, Context ctx) {
        Optional<Auth.Principal> p = principal(s, ctx);
        if (p.isEmpty() || !p.get().complete()) {
            error(ctx, 401, "authentication required (Authorization: Bearer <API token>)");
            return;
        }
        if (!dev.vigil.server.auth.Scopes.allows(p.get().scopes(), "GET", "/metrics")) {
            error(ctx, 403, "this token's scopes do not reach metrics");
            return;
        }
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(s.metrics().scrape());
    }

    static Optional<Auth.Principal> principal(VigilServer s, Context ctx) {
        String h = ctx.header("Authorization");
        if (h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return s.auth().token(h.substring(7).trim());
        }
        return s.auth().session(ctx.cookie(SessionRoutes.COOKIE));
    }

    /**
     * A body whose declared length is over its route's limit is refused before anything reads it, so a
     * client that waits for 100 Continue (curl, for large bodies) gets the 413 instead of sending the body.
     */
    private static void refuseDeclaredOversize(Context ctx) {
        long declared = ctx.contentLength();
        boolean csv = ctx.path().equals("/api/devices.csv");
        long limit = csv ? dev.vigil.server.api.devices.CsvImport.MAX_BYTES : MAX_JSON_BODY;
        if (declared > limit) {
            throw new ApiError(413, csv ? "an import is at most " + (limit >> 20) + " MiB"
                    : "a request body is at most " + (limit >> 20) + " MiB");
        }
    }

    private static void authenticate(VigilServer s, Context ctx) {
        String path = ctx.path();
        if (path.equals("/api/login")) {
            return;
        }
        Optional<Auth.Principal> p = principal(s, ctx);
        if (p.isEmpty()) {
            throw new ApiError(401, "authentication required");
        }
        Auth.Principal pr = p.get();
        if (pr.session() != null && !SAFE.contains(ctx.method().name())) {
            String sent = ctx.header("X-CSRF-Token");
            if (sent == null || !java.security.MessageDigest.isEqual(sent.getBytes(), pr.csrf().getBytes())) {
                throw new ApiError(403, "missing or wrong X-CSRF-Token header");
            }
        }
        if (!pr.complete() && !INCOMPLETE_OK.contains(path)) {
            throw new ApiError(403, pr.user() != null && pr.user().mustChange() ? "change the one-time password first"
                    : "set up two-factor authentication first (required for admins)");
        }
        ctx.attribute(Caller.PRINCIPAL, pr);
    }

    private static void authorize(Context ctx) {
        Auth.Principal p = ctx.attribute(Caller.PRINCIPAL);
        if (p == null) {
            return; // public route (health, metrics, static files, login)
        }
        for (var role : ctx.routeRoles()) {
            if (role instanceof Role need && !p.role().atLeast(need)) {
                throw new ApiError(403, "this needs the " + need.label() + " role; you have " + p.role().label());
            }
        }
        if (!dev.vigil.server.auth.Scopes.allows(p.scopes(), ctx.method().name(), ctx.path())) {
            throw new ApiError(403, "this token's scopes (" + String.join(" ", new java.util.TreeSet<>(p.scopes()))
                    + ") do not reach " + ctx.method().name() + " " + ctx.path());
        }
    }
}
