package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lockout after repeated failures and the per-address sign-in rate limit, on a real server. */
class AuthLimitsTest {

    @TempDir
    Path tmp;

    @Test
    void lockoutAfterFiveFailuresThenRateLimit() throws Exception {
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of()))) {
            TestServer.Client admin = ts.admin(); // attempt 1
            String pw = admin.post("/api/users", Map.of("username", "carol", "role", "viewer")).json().get("one_time_password").asText();
            TestServer.Client anon = ts.anonymous();
            for (int i = 0; i < 5; i++) { // attempts 2 to 6
                TestServer.Answer a = anon.post("/api/login", Map.of("username", "carol", "password", "guess-" + i));
                assertThat(a.status()).isEqualTo(401);
                assertThat(a.json().get("error").asText()).isEqualTo("wrong user name or password");
            }
            // the right password no longer works: the account is locked for 15 minutes
            TestServer.Answer locked = anon.post("/api/login", Map.of("username", "carol", "password", pw)); // 7
            assertThat(locked.status()).isEqualTo(423);
            // an unknown user gets the same answer as a wrong password (names are not revealed)
            assertThat(anon.post("/api/login", Map.of("username", "nobody", "password", "x")).json().get("error").asText())
                    .isEqualTo("wrong user name or password"); // 8
            anon.post("/api/login", Map.of("username", "nobody", "password", "x")); // 9
            anon.post("/api/login", Map.of("username", "nobody", "password", "x")); // 10
            TestServer.Answer limited = anon.post("/api/login", Map.of("username", "carol", "password", pw)); // 11
            assertThat(limited.status()).isEqualTo(429);
            // an admin reset lifts the lockout (once the minute has passed for the rate limit)
            assertThat(admin.post("/api/users/carol/reset", null).status()).isEqualTo(200);
            var audit = admin.get("/api/audit?limit=100").json().get("items");
            assertThat(audit.toString()).contains("login.lockout").contains("login.locked").contains("user.reset");
        }
    }
}
