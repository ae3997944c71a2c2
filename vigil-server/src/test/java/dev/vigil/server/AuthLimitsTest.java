package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in throttling on a real server: failures counted atomically per account and address and per
 * account with doubling waits, never a lockout of the owner, and the per-address rate limit.
 */
class AuthLimitsTest {

    @TempDir
    Path tmp;

    static final Map<String, String> WRONG = Map.of("username", "carol", "password", "not carol's password");

    static ServerConfig proxied(Path dir) {
        return TestServer.config(dir, List.of()).withTrustedProxies(List.of(dev.vigil.engine.net.Cidr.parse("127.0.0.1/32")));
    }

    /** Carol, signed in once (from {@code home}) with a password of her own. */
    static String carol(TestServer ts, TestServer.Client admin, String home) throws Exception {
        String otp = admin.post("/api/users", Map.of("username", "carol", "role", "viewer")).json().get("one_time_password").asText();
        TestServer.Client c = ts.forwardedFor(home);
        TestServer.Answer l = c.post("/api/login", Map.of("username", "carol", "password", otp));
        assertThat(l.status()).isEqualTo(200);
        c.csrf = l.json().get("csrf").asText();
        assertThat(c.post("/api/me/password", Map.of("current", otp, "next", CAROL)).status()).isEqualTo(200);
        return CAROL;
    }

    static final String CAROL = "a harbour of quiet lanterns";

    static long failures(TestServer ts, String key) {
        return ts.server.store().read(h -> h.createQuery("SELECT failures FROM login_throttle WHERE k = :k").bind("k", key)
                .mapTo(Long.class).findOne().orElse(0L));
    }

    @Test
    void wrongPasswordsSentAtOnceCountOneEach() throws Exception {
        try (TestServer ts = TestServer.start(proxied(tmp.resolve("data")))) {
            carol(ts, ts.admin(), "192.0.2.1");
            // ten wrong passwords at once, from ten addresses: the review counted them as one failure
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String from = "198.51.100." + (10 + i);
                answers.add(pool.submit(() -> ts.forwardedFor(from).post("/api/login", WRONG).status()));
            }
            for (var a : answers) {
                assertThat(a.get()).isIn(401, 429);
            }
            pool.shutdown();
            assertThat(failures(ts, "u:carol")).isEqualTo(10);
            // the account's budget is spent: from an address carol never used, even her password waits
            TestServer.Answer after = ts.forwardedFor("198.51.100.99").post("/api/login",
                    Map.of("username", "carol", "password", CAROL));
            assertThat(after.status()).isEqualTo(429);
            assertThat(after.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void noOneCanLockTheOwnerOutAndLockoutLevelIsAudited() throws Exception {
        // the lockout-level notice goes to the alert outputs too: a webhook on loopback receives it
        java.util.List<String> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/hook", ex -> {
            hooks.add(new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        http.start();
        try (TestServer ts = TestServer.start(proxied(tmp.resolve("data"))
                .withOutputs(java.util.List.of("webhook:http://127.0.0.1:" + http.getAddress().getPort() + "/hook")))) {
            TestServer.Client admin = ts.admin();
            carol(ts, admin, "192.0.2.1");
            // an attacker from many addresses drives the account to the longest wait
            for (int i = 0; i < 40; i++) {
                ts.forwardedFor("203.0.113." + i).post("/api/login", WRONG);
            }
            assertThat(ts.forwardedFor("203.0.113.200").post("/api/login", Map.of("username", "carol", "password", CAROL))
                    .status()).isEqualTo(429);
            // once the wait is over, the next failure sets the longest wait: lockout level
            ts.server.store().write(h -> h.createUpdate("UPDATE login_throttle SET blocked_until = 0").execute());
            assertThat(ts.forwardedFor("203.0.113.201").post("/api/login", WRONG).status()).isEqualTo(401);
            assertThat(Long.parseLong(ts.forwardedFor("203.0.113.202").post("/api/login", WRONG).headers()
                    .firstValue("Retry-After").orElseThrow())).isGreaterThan(14 * 60);
            // carol, from where she signed in before, with her password: in (the review's lockout kept her out for 15 min)
            TestServer.Answer home = ts.forwardedFor("192.0.2.1").post("/api/login", Map.of("username", "carol", "password", CAROL));
            assertThat(home.status()).as(home.text()).isEqualTo(200);
            var audit = admin.get("/api/audit?limit=200").json().get("items");
            assertThat(audit.toString()).contains("login.throttle").contains("sign-ins to account 'carol' are throttled");
            long end = System.currentTimeMillis() + 15_000;
            while (hooks.stream().noneMatch(h -> h.contains("login.throttle")) && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
            assertThat(hooks).anySatisfy(h -> assertThat(h).contains("\"kind\":\"login.throttle\"").contains("carol"));
        } finally {
            http.stop(0);
        }
    }

    @Test
    void eachAddressWaitsLongerAfterEachFailureAndOthersDoNot() throws Exception {
        try (TestServer ts = TestServer.start(proxied(tmp.resolve("data")))) {
            carol(ts, ts.admin(), "192.0.2.1");
            TestServer.Client x = ts.forwardedFor("198.51.100.7");
            for (int i = 0; i < 5; i++) {
                TestServer.Answer a = x.post("/api/login", WRONG);
                assertThat(a.status()).isEqualTo(401);
                assertThat(a.json().get("error").asText()).isEqualTo(dev.vigil.server.auth.Auth.SIGN_IN_FAILED);
            }
            TestServer.Answer waiting = x.post("/api/login", Map.of("username", "carol", "password", CAROL));
            assertThat(waiting.status()).isEqualTo(429);
            assertThat(Long.parseLong(waiting.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 30L);
            // the next wait is longer: the refused attempt counted too
            ts.server.store().write(h -> h.createUpdate("UPDATE login_throttle SET blocked_until = 0").execute());
            assertThat(x.post("/api/login", WRONG).status()).isEqualTo(401);
            assertThat(Long.parseLong(x.post("/api/login", WRONG).headers().firstValue("Retry-After").orElseThrow()))
                    .isGreaterThan(30);
            // another address still has its own budget
            assertThat(ts.forwardedFor("198.51.100.8").post("/api/login", Map.of("username", "carol", "password", CAROL))
                    .status()).isEqualTo(200);
        }
    }

    /** Ten sign-in attempts a minute from one address (to as many accounts), then 429. */
    static void exhaust(TestServer.Client c) throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(c.post("/api/login", Map.of("username", "nobody" + i, "password", "x")).status()).isEqualTo(401);
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
        assertThat(dev.vigil.server.api.Caller.clientAddress("127.0.0.1", "198.51.100.9, 10.1.1.1", proxies))
                .isEqualTo("198.51.100.9");
        assertThat(dev.vigil.server.api.Caller.clientAddress("127.0.0.1", "6.6.6.6, 198.51.100.9", proxies))
                .isEqualTo("198.51.100.9");
        assertThat(dev.vigil.server.api.Caller.clientAddress("192.0.2.1", "198.51.100.9", proxies)).isEqualTo("192.0.2.1");
        assertThat(dev.vigil.server.api.Caller.clientAddress("127.0.0.1", null, proxies)).isEqualTo("127.0.0.1");
        assertThat(dev.vigil.server.api.Caller.clientAddress("127.0.0.1", "10.2.2.2", proxies)).isEqualTo("10.2.2.2");
        assertThat(dev.vigil.server.api.Caller.clientAddress("127.0.0.1", "unknown, 10.2.2.2", proxies)).isEqualTo("10.2.2.2");
        assertThat(dev.vigil.server.api.Caller.clientAddress("127.0.0.1", "2001:db8::5", proxies)).isEqualTo("2001:db8::5");
        assertThat(dev.vigil.server.api.Caller.clientAddress("127.0.0.1", "198.51.100.9", List.of())).isEqualTo("127.0.0.1");
    }
}
