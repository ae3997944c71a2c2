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

    /** Ten sign-in attempts a minute from one address, then 429. */
    static void exhaust(TestServer.Client c) throws Exception {
        for (int i = 0; i < 10; i++) {
            c.post("/api/login", Map.of("username", "nobody", "password", "x"));
        }
        assertThat(c.post("/api/login", Map.of("username", "nobody", "password", "x")).status()).isEqualTo(429);
    }

    @Test
    void behindATrustedProxyEachClientHasItsOwnLimitAndNoOneElseCanChooseTheirs() throws Exception {
        ServerConfig cfg = TestServer.config(tmp.resolve("proxied"), List.of())
                .withTrustedProxies(List.of(dev.vigil.engine.net.Cidr.parse("127.0.0.1/32")));
        try (TestServer ts = TestServer.start(cfg)) {
            exhaust(ts.forwardedFor("198.51.100.1"));
            // another client behind the same proxy is not held back by the first one's attempts
            TestServer.Answer other = ts.forwardedFor("198.51.100.2").post("/api/login",
                    Map.of("username", "nobody", "password", "x"));
            assertThat(other.status()).isEqualTo(401);
            // the proxy appends what it saw; what the client wrote before it is not believed
            TestServer.Answer spoofed = ts.forwardedFor("203.0.113.7, 198.51.100.1").post("/api/login",
                    Map.of("username", "nobody", "password", "x"));
            assertThat(spoofed.status()).isEqualTo(429);
        }
        // without a trusted proxy the header is the client's own word: ignored
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("direct"), List.of()))) {
            exhaust(ts.forwardedFor("198.51.100.1"));
            assertThat(ts.forwardedFor("198.51.100.2").post("/api/login", Map.of("username", "nobody", "password", "x"))
                    .status()).isEqualTo(429);
        }
    }

    @Test
    void theClientIsTheFirstUntrustedHopFromTheRight() {
        var proxies = List.of(dev.vigil.engine.net.Cidr.parse("10.0.0.0/8"), dev.vigil.engine.net.Cidr.parse("127.0.0.1"));
        assertThat(dev.vigil.server.api.Api.clientAddress("127.0.0.1", "198.51.100.9, 10.1.1.1", proxies))
                .isEqualTo("198.51.100.9");
        assertThat(dev.vigil.server.api.Api.clientAddress("127.0.0.1", "6.6.6.6, 198.51.100.9", proxies))
                .isEqualTo("198.51.100.9");
        assertThat(dev.vigil.server.api.Api.clientAddress("192.0.2.1", "198.51.100.9", proxies)).isEqualTo("192.0.2.1");
        assertThat(dev.vigil.server.api.Api.clientAddress("127.0.0.1", null, proxies)).isEqualTo("127.0.0.1");
        assertThat(dev.vigil.server.api.Api.clientAddress("127.0.0.1", "10.2.2.2", proxies)).isEqualTo("10.2.2.2");
        assertThat(dev.vigil.server.api.Api.clientAddress("127.0.0.1", "unknown, 10.2.2.2", proxies)).isEqualTo("10.2.2.2");
        assertThat(dev.vigil.server.api.Api.clientAddress("127.0.0.1", "2001:db8::5", proxies)).isEqualTo("2001:db8::5");
        assertThat(dev.vigil.server.api.Api.clientAddress("127.0.0.1", "198.51.100.9", List.of())).isEqualTo("127.0.0.1");
    }
}
