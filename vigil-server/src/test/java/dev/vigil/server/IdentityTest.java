package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.server.auth.Auth;
import dev.vigil.server.auth.Totp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may sign in and what a session or token may do, on a real server: one answer for every
 * failed sign-in, codes that work once across restarts, sessions that rotate and end when idle,
 * tokens with expiry, scopes and revocation, step-up for sensitive changes, the password policy.
 */
class IdentityTest {

    @TempDir
    Path tmp;

    static TestServer.Answer login(TestServer ts, String user, String password, String code) throws Exception {
        return ts.anonymous().post("/api/login", code == null ? Map.of("username", user, "password", password)
                : Map.of("username", user, "password", password, "code", code));
    }

    @Test
    void everyFailedSignInGetsTheSameAnswerAndACodeWorksOnceAcrossRestarts() throws Exception {
        Path data = tmp.resolve("data");
        String used;
        try (TestServer ts = TestServer.start(TestServer.config(data, List.of()))) {
            ts.admin();
            TestServer.Answer unknown = login(ts, "nobody", "whatever it is", null);
            TestServer.Answer wrong = login(ts, "admin", "not the password", null);
            TestServer.Answer noCode = login(ts, "admin", TestServer.ADMIN_PASSWORD, null);
            for (TestServer.Answer a : List.of(unknown, wrong, noCode)) {
                assertThat(a.status()).isEqualTo(401);
                assertThat(a.json().get("error").asText()).isEqualTo(Auth.SIGN_IN_FAILED);
            }
            used = ts.adminCode();
            assertThat(login(ts, "ADMIN", TestServer.ADMIN_PASSWORD, used).status()).as("names are folded").isEqualTo(200);
            assertThat(login(ts, "admin", TestServer.ADMIN_PASSWORD, used).status()).as("the same code again").isEqualTo(401);
            var audit = ts.server.store().read(h -> h.createQuery("SELECT actor, detail FROM audit WHERE action = 'login.failure'")
                    .mapToMap().list());
            assertThat(audit).anySatisfy(r -> {
                assertThat(r.get("actor")).isEqualTo("anonymous");
                assertThat((String) r.get("detail")).contains("unknown user name 'nobody'");
            });
        }
        // a restart does not forget which code was used: it is in the store
        try (TestServer ts = TestServer.start(TestServer.config(data, List.of()))) {
            assertThat(login(ts, "admin", TestServer.ADMIN_PASSWORD, used).status()).isEqualTo(401);
        }
    }

    @Test
    void aSessionIsReplacedWhenSetupCompletesAndEndsWhenIdle() throws Exception {
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of()))) {
            TestServer.Client c = ts.anonymous();
            c.post("/api/login", Map.of("username", "admin", "password", ts.server.oneTimePassword()));
            String setupCookie = c.cookie;
            c.csrf = c.get("/api/me").json().get("csrf").asText();
            c.post("/api/me/password", Map.of("current", ts.server.oneTimePassword(), "next", TestServer.ADMIN_PASSWORD));
            String secret = c.post("/api/me/totp", null).json().get("secret").asText();
            TestServer.Answer done = c.post("/api/me/totp/confirm", Map.of("code", Totp.code(secret, Totp.step(System.currentTimeMillis()))));
            assertThat(done.status()).isEqualTo(200);
            assertThat(c.cookie).isNotEqualTo(setupCookie);
            TestServer.Client old = ts.anonymous();
            old.cookie = setupCookie;
            assertThat(old.get("/api/me").status()).as("the setup session is gone").isEqualTo(401);
            assertThat(c.get("/api/devices").status()).isEqualTo(200);
            ts.server.store().write(h -> h.createUpdate("UPDATE sessions SET last_seen = last_seen - 31 * 60000").execute());
            assertThat(c.get("/api/devices").status()).as("idle for 31 minutes").isEqualTo(401);
        }
    }

    @Test
    void tokensExpireAreScopedAreRevokedWithTheirUserAndNeedAStepUp() throws Exception {
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of()))) {
            TestServer.Client admin = ts.admin();
            String reader = admin.post("/api/tokens", Map.of("name", "alerts-reader", "role", "analyst", "scopes",
                    List.of("alerts:read"))).json().get("token").asText();
            assertThat(ts.token(reader).get("/api/alerts").status()).isEqualTo(200);
            assertThat(ts.token(reader).get("/api/devices").status()).isEqualTo(403);
            assertThat(ts.token(reader).post("/api/alerts/x/ack", null).status()).isEqualTo(403);
            assertThat(ts.token(reader).get("/metrics").status()).isEqualTo(403);
            // names are unique among tokens in force
            assertThat(admin.post("/api/tokens", Map.of("name", "alerts-reader", "role", "viewer")).status()).isEqualTo(409);
            // a token cannot make tokens, reset people or rotate keys: those need a person's re-authentication
            String adminToken = ts.newToken(admin, "automation", "admin");
            assertThat(ts.token(adminToken).post("/api/tokens", Map.of("name", "x", "role", "viewer")).json().get("code").asText())
                    .isEqualTo("reauth_required");
            assertThat(ts.token(adminToken).post("/api/keys/rotate", null).status()).isEqualTo(403);
            // past the step-up window, the same admin session must confirm it is them
            ts.server.store().write(h -> h.createUpdate("UPDATE sessions SET reauth_until = 0").execute());
            TestServer.Answer refused = admin.post("/api/tokens", Map.of("name", "late", "role", "viewer"));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("code").asText()).isEqualTo("reauth_required");
            assertThat(admin.post("/api/me/reauth", Map.of("password", "wrong password here")).status()).isEqualTo(401);
            ts.stepUp(admin);
            assertThat(admin.post("/api/tokens", Map.of("name", "late", "role", "viewer", "expires_in_days", 1)).status())
                    .isEqualTo(201);
            // expiry
            String soon = ts.newToken(admin, "soon", "viewer");
            ts.server.store().write(h -> h.createUpdate("UPDATE api_tokens SET expires = 1 WHERE name = 'soon'").execute());
            assertThat(ts.token(soon).get("/api/devices").status()).isEqualTo(401);
            // a second admin's tokens go with them
            String otp = admin.post("/api/users", Map.of("username", "Dana", "role", "admin")).json().get("one_time_password").asText();
            TestServer.Client dana = ts.anonymous();
            TestServer.Answer l = dana.post("/api/login", Map.of("username", "dana", "password", otp));
            dana.csrf = l.json().get("csrf").asText();
            dana.post("/api/me/password", Map.of("current", otp, "next", "another long passphrase 77"));
            String danaSecret = dana.post("/api/me/totp", null).json().get("secret").asText();
            dana.csrf = dana.post("/api/me/totp/confirm", Map.of("code", Totp.code(danaSecret, Totp.step(System.currentTimeMillis()))))
                    .json().get("csrf").asText();
            String danas = ts.newToken(dana, "danas", "viewer");
            assertThat(ts.token(danas).get("/api/devices").status()).isEqualTo(200);
            assertThat(admin.call("DELETE", "/api/users/dana", null).status()).isEqualTo(200);
            assertThat(ts.token(danas).get("/api/devices").status()).isEqualTo(401);
            // resetting a user and rotating keys need the step-up as well
            ts.server.store().write(h -> h.createUpdate("UPDATE sessions SET reauth_until = 0").execute());
            admin.post("/api/users", Map.of("username", "erin", "role", "viewer"));
            assertThat(admin.post("/api/users/erin/reset", null).status()).isEqualTo(403);
            assertThat(admin.post("/api/keys/rotate", null).status()).isEqualTo(403);
            assertThat(admin.post("/api/me/totp", null).status()).isEqualTo(403);
            ts.stepUp(admin);
            assertThat(admin.post("/api/users/erin/reset", null).status()).isEqualTo(200);
            assertThat(admin.post("/api/keys/rotate", null).status()).isEqualTo(200);
        }
    }

    @Test
    void passwordsMustNotBeCommonRepeatedOrTheOneTimeOneAndOneTimePasswordsExpire() throws Exception {
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of()))) {
            TestServer.Client admin = ts.admin();
            String otp = admin.post("/api/users", Map.of("username", "frank", "role", "viewer")).json().get("one_time_password").asText();
            TestServer.Client f = ts.anonymous();
            f.csrf = f.post("/api/login", Map.of("username", "frank", "password", otp)).json().get("csrf").asText();
            for (String weak : List.of(otp, "short", "qwertyuiop123", "sunshine2024!!", "iloveyou!!!!", "aaaaaaaaaaaaaaaa",
                    "abcabcabcabcabc", "frank's long passphrase", "my password is long")) {
                TestServer.Answer a = f.post("/api/me/password", Map.of("current", otp, "next", weak));
                assertThat(a.status()).as(weak).isEqualTo(400);
            }
            assertThat(f.post("/api/me/password", Map.of("current", otp, "next", "violet hour over the harbour")).status())
                    .isEqualTo(200);
            // a one-time password stops working after 72 hours
            String otp2 = admin.post("/api/users", Map.of("username", "gina", "role", "viewer")).json().get("one_time_password").asText();
            ts.server.store().write(h -> h.createUpdate("UPDATE users SET password_expires = 1 WHERE username = 'gina'").execute());
            assertThat(login(ts, "gina", otp2, null).status()).isEqualTo(401);
        }
    }

    @Test
    void signInOnlyAsJsonFromThisSiteAndHeadLikeGet() throws Exception {
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of()))) {
            TestServer.Client admin = ts.admin();
            assertThat(ts.anonymous().raw("POST", "/api/login", "username=admin&password=x", "application/x-www-form-urlencoded")
                    .status()).isEqualTo(415);
            var http = java.net.http.HttpClient.newHttpClient();
            for (String[] h : new String[][] {{"Origin", "https://evil.example"}, {"Sec-Fetch-Site", "cross-site"}}) {
                var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(ts.base + "/api/login"))
                        .header("Content-Type", "application/json").header(h[0], h[1])
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"x\"}")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(h[0]).isEqualTo(403);
            }
            TestServer.Answer head = admin.call("HEAD", "/api/devices", null);
            assertThat(head.status()).isEqualTo(200);
            assertThat(ts.anonymous().call("HEAD", "/api/devices", null).status()).isEqualTo(401);
        }
    }

    @Test
    void aSecondFactorCanBeRequiredOfEveryRole() throws Exception {
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of()))) {
            TestServer.Client admin = ts.admin();
            assertThat(admin.post("/api/settings/sign-in", Map.of("second_factor_required_from", "viewer")).status()).isEqualTo(200);
            String otp = admin.post("/api/users", Map.of("username", "hana", "role", "viewer")).json().get("one_time_password").asText();
            TestServer.Client v = ts.anonymous();
            TestServer.Answer l = v.post("/api/login", Map.of("username", "hana", "password", otp));
            assertThat(l.json().get("totp_setup_required").asBoolean()).isTrue();
            v.csrf = l.json().get("csrf").asText();
            v.post("/api/me/password", Map.of("current", otp, "next", "quiet lantern over the bay"));
            assertThat(v.get("/api/devices").status()).as("no second factor yet").isEqualTo(403);
            String secret = v.post("/api/me/totp", null).json().get("secret").asText();
            v.csrf = v.post("/api/me/totp/confirm", Map.of("code", Totp.code(secret, Totp.step(System.currentTimeMillis()))))
                    .json().get("csrf").asText();
            assertThat(v.get("/api/devices").status()).isEqualTo(200);
        }
    }
}
