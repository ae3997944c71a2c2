package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.testing.TestData;
import dev.vigil.server.ingest.Source;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review's flood: hundreds of sign-ins at once from forty addresses, while a capture streams
 * in. Every sign-in is answered (refused), the capture is read and committed to its last packet,
 * the API and /health keep answering, and the admin still signs in afterwards.
 */
class LoginFloodTest {

    static final int LOGINS = 400;
    static final int ADDRESSES = 40;

    @TempDir
    Path tmp;

    /** Packets in a pcap file (record headers walked). */
    static long packets(byte[] pcap) {
        ByteBuffer b = ByteBuffer.wrap(pcap).order(pcap[0] == (byte) 0xd4 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long n = 0;
        for (int o = 24; o + 16 <= pcap.length; o += 16 + b.getInt(o + 8)) {
            n++;
        }
        return n;
    }

    @Test
    void ingestionGoesOnAndTheServiceAnswersThroughALoginFlood() throws Exception {
        byte[] capture = Files.readAllBytes(TestData.capture("vigil-netns-botnet.pcap"));
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(feed, 1 << 16);
        ServerConfig cfg = TestServer.config(tmp.resolve("data"), List.of()).withInputs(true, List.of(), null, List.of(), List.of())
                .withWindow(60, 1).withTrustedProxies(List.of(dev.vigil.engine.net.Cidr.parse("127.0.0.1/32")));
        try (TestServer ts = TestServer.start(cfg, stdin)) {
            TestServer.Client admin = ts.admin();
            String viewer = ts.newToken(admin, "dash", "viewer");
            AtomicInteger answered = new AtomicInteger();
            AtomicInteger noRetryAfter = new AtomicInteger();
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(200);
            List<Future<?>> logins = new ArrayList<>();
            for (int i = 0; i < LOGINS; i++) {
                String from = "198.51.100." + (1 + i % ADDRESSES);
                String user = i % 2 == 0 ? "admin" : "user" + i;
                logins.add(pool.submit(() -> {
                    TestServer.Answer r = ts.forwardedFor(from).post("/api/login", Map.of("username", user, "password", "guess " + from));
                    int st = r.status();
                    statuses.computeIfAbsent(st, k -> new AtomicInteger()).incrementAndGet();
                    if ((st == 429 || st == 503) && r.headers().firstValue("Retry-After").isEmpty()) {
                        noRetryAfter.incrementAndGet();
                    }
                    answered.incrementAndGet();
                    return null;
                }));
            }
            // the capture streams in while the flood lasts: a chunk each time more sign-ins were answered
            Thread feeder = Thread.ofPlatform().start(() -> {
                try (feed) {
                    int chunks = 50;
                    int size = (capture.length + chunks - 1) / chunks;
                    for (int c = 0; c < chunks; c++) {
                        while (answered.get() < c * LOGINS / (chunks * 2)) {
                            Thread.sleep(5);
                        }
                        feed.write(capture, c * size, Math.min(size, capture.length - c * size));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // meanwhile the API and /health answer
            List<Integer> others = new ArrayList<>();
            while (answered.get() < LOGINS) {
                others.add(ts.token(viewer).get("/api/ingest").status());
                others.add(ts.anonymous().get("/health").status());
                Thread.sleep(100);
            }
            for (Future<?> f : logins) {
                f.get();
            }
            pool.shutdown();
            feeder.join();
            ts.settle();
            assertThat(statuses.keySet()).as("every sign-in refused: wrong (401), throttled (429) or busy (503)")
                    .isSubsetOf(401, 429, 503);
            assertThat(statuses.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(LOGINS);
            assertThat(noRetryAfter.get()).as("every throttled or busy answer says when to try again").isZero();
            assertThat(others).isNotEmpty().containsOnly(200);
            Source.Status in = ts.server.ingest().status().get(0);
            assertThat(in.state()).isEqualTo(Source.State.DONE);
            assertThat(in.packets()).as("the whole capture was read").isEqualTo(packets(capture));
            assertThat(in.committedPackets()).as("and committed").isEqualTo(in.packets());
            // the owner, from where they signed in before, still gets in
            TestServer.Answer again = ts.anonymous().post("/api/login", Map.of("username", "admin", "password",
                    TestServer.ADMIN_PASSWORD, "code", ts.adminCode()));
            assertThat(again.status()).as(again.text()).isEqualTo(200);
            System.out.println("login flood: " + statuses + ", " + others.size() + " other requests answered, "
                    + ts.server.auth().busyRefusals() + " refused as busy");
        }
    }
}
