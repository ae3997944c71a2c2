package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.server.auth.Totp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real server on a free loopback port, with an HTTP client that signs in like a browser. */
public final class TestServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    static {
        // the client forgets idle connections before the server closes them (Jetty: 30 s), so a test
        // that waits for the next TOTP step never reuses a connection the server has closed
        System.setProperty("jdk.httpclient.keepalive.timeout", "10");
    }
    public static final String ADMIN_PASSWORD = "a long test passphrase 2026";

    public final VigilServer server;
    public final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(VigilServer server) {
        this.server = server;
        this.base = "http://127.0.0.1:" + server.port();
    }

    public static ServerConfig config(Path data, List<Path> captures) {
        return ServerConfig.defaults(data).withListen("127.0.0.1", 0).withFiles(captures).withWindow(60, 30);
    }

    public static TestServer start(ServerConfig cfg) throws Exception {
        return new TestServer(VigilServer.start(cfg, System.in));
    }

    public static TestServer start(ServerConfig cfg, java.io.InputStream stdin) throws Exception {
        return new TestServer(VigilServer.start(cfg, stdin));
    }

    /** Waits until every source that ends has ended. */
    public TestServer settle() throws InterruptedException {
        long end = System.currentTimeMillis() + 120_000;
        while (!server.ingest().settled() && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertThat(server.ingest().settled()).as("ingestion finished").isTrue();
        return this;
    }

    /** An answer: status and parsed JSON body (or the raw text). */
    public record Answer(int status, JsonNode json, String text, java.net.http.HttpHeaders headers) {
    }

    /** A signed-in client: a session cookie and its CSRF token, or an API token. */
    public final class Client {
        String cookie;
        String csrf;
        String bearer;
        String forwardedFor;

        public Answer call(String method, String path, Object body) throws IOException, InterruptedException {
            return raw(method, path, body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body),
                    "application/json");
        }

        public Answer raw(String method, String path, String body, String contentType) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                b.header("Content-Type", contentType);
            }
            if (body != null && body.length() > 1 << 20) {
                // as curl does for large bodies: a refusal (413) then comes before the body is sent; without
                // it the server's answer can be lost when it closes on a body it will not read
                b.expectContinue(true);
            }
            if (cookie != null) {
                b.header("Cookie", cookie);
            }
            if (csrf != null) {
                b.header("X-CSRF-Token", csrf);
            }
            if (bearer != null) {
                b.header("Authorization", "Bearer " + bearer);
            }
            if (forwardedFor != null) {
                b.header("X-Forwarded-For", forwardedFor);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            r.headers().firstValue("Set-Cookie").ifPresent(c -> {
                if (c.startsWith("vigil_session=")) {
                    cookie = c.substring(0, c.indexOf(';'));
                }
            });
            JsonNode j = null;
            try {
                j = r.body().isEmpty() ? null : JSON.readTree(r.body());
            } catch (IOException e) {
                // not JSON (CSV, Prometheus text)
            }
            return new Answer(r.statusCode(), j, r.body(), r.headers());
        }

        public Answer get(String path) throws IOException, InterruptedException {
            return call("GET", path, null);
        }

        public Answer post(String path, Object body) throws IOException, InterruptedException {
            return call("POST", path, body == null ? "{}" : body);
        }

        public Client withoutCsrf() {
            Client c = new Client();
            c.cookie = cookie;
            return c;
        }
    }

    public Client anonymous() {
        return new Client();
    }

    /** An anonymous client whose requests carry X-Forwarded-For (as if through a reverse proxy). */
    public Client forwardedFor(String chain) {
        Client c = new Client();
        c.forwardedFor = chain;
        return c;
    }

    public Client token(String token) {
        Client c = new Client();
        c.bearer = token;
        return c;
    }

    /** Signs in as the bootstrap admin: one-time password, new password, TOTP enrolment. */
    public Client admin() throws Exception {
        Client c = new Client();
        Answer a = c.post("/api/login", java.util.Map.of("username", "admin", "password", server.oneTimePassword()));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
        assertThat(a.json().get("password_change_required").asBoolean()).isTrue();
        assertThat(a.json().get("totp_setup_required").asBoolean()).isTrue();
        c.csrf = a.json().get("csrf").asText();
        assertThat(c.post("/api/me/password", java.util.Map.of("current", server.oneTimePassword(), "next", ADMIN_PASSWORD))
                .status()).isEqualTo(200);
        Answer t = c.post("/api/me/totp", null);
        String secret = t.json().get("secret").asText();
        adminSecret = secret;
        Answer ok = c.post("/api/me/totp/confirm", java.util.Map.of("code", adminCode()));
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        // setup complete: the session was replaced by a new one (its cookie came with the answer)
        c.csrf = ok.json().get("csrf").asText();
        return c;
    }

    public String adminSecret;
    private long adminStep;

    /**
     * A TOTP code of the admin's that was not used yet: each step works once (RFC 6238 §5.2), so
     * this waits for the next step when the ones around now are used.
     */
    public synchronized String adminCode() throws InterruptedException {
        return adminCode(adminSecret);
    }

    /** The same for any secret (the steps used are counted per server, as Vigil counts them per user). */
    public synchronized String adminCode(String secret) throws InterruptedException {
        long step = Math.max(Totp.step(System.currentTimeMillis()) - 1, adminStep + 1);
        while (step > Totp.step(System.currentTimeMillis()) + 1) {
            Thread.sleep(500);
        }
        adminStep = step;
        return Totp.code(secret, step);
    }

    /** Re-authenticates the admin client (password and a fresh code) for step-up changes. */
    public void stepUp(Client admin) throws Exception {
        Answer a = admin.post("/api/me/reauth", java.util.Map.of("password", ADMIN_PASSWORD, "code", adminCode()));
        assertThat(a.status()).as(a.text()).isEqualTo(200);
    }

    /** An API token of a role, created by an admin client. */
    public String newToken(Client admin, String name, String role) throws Exception {
        Answer a = admin.post("/api/tokens", java.util.Map.of("name", name, "role", role));
        assertThat(a.status()).as(a.text()).isEqualTo(201);
        return a.json().get("token").asText();
    }

    @Override
    public void close() {
        server.close();
    }
}
