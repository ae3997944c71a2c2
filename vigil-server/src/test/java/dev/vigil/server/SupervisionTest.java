package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.testing.Poison;
import dev.vigil.engine.testing.TestData;
import dev.vigil.server.ingest.Ingest;
import dev.vigil.server.ingest.Source;
import dev.vigil.server.ingest.SupervisionLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16: a source that fails is started again with backoff; a failed or stalled one makes /health degraded. */
class SupervisionTest {

    @TempDir
    Path tmp;

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }

    @Test
    void aFailedSourceIsDegradedThenStartedAgainWithBackoff() throws Exception {
        Path capture = tmp.resolve("late.pcap");
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of(capture)))) {
            TestServer.Client anon = ts.anonymous();
            // the capture is not there yet: the source fails, and says so
            await(() -> ts.server.ingest().status().get(0).state() == Source.State.FAILED, "the source failed");
            Source.Status failed = ts.server.ingest().status().get(0);
            assertThat(failed.health()).isEqualTo("failed");
            assertThat(failed.message()).contains("no such file");
            assertThat(failed.nextRestartAt()).isNotNull();
            TestServer.Answer health = anon.get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asText()).isEqualTo("degraded");
            assertThat(health.json().get("degraded_sources").asInt()).isEqualTo(1);
            assertThat(health.text()).doesNotContain("late.pcap");
            // it keeps failing while the file is missing, each time after a longer delay
            await(() -> ts.server.ingest().status().get(0).restarts() >= 2, "restarted twice");
            // the file arrives: the next restart reads it whole
            Files.copy(TestData.capture("ndpi-telnet.pcap"), capture);
            await(() -> ts.server.ingest().status().get(0).state() == Source.State.DONE, "the source read the file");
            Source.Status done = ts.server.ingest().status().get(0);
            assertThat(done.health()).isEqualTo(Source.OK);
            assertThat(done.committedPackets()).isEqualTo(92);
            assertThat(done.nextRestartAt()).isNull();
            assertThat(anon.get("/health").status()).isEqualTo(200);
        }
    }

    /** The poison packet of issue 16 is one counted anomaly of the source; the file is read and committed whole. */
    @Test
    void aPoisonPacketIsCountedAndTheFileSourceGoesOn() throws Exception {
        Path capture = Poison.capture(tmp);
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of(capture)))) {
            ts.settle();
            Source.Status st = ts.server.ingest().status().get(0);
            assertThat(st.state()).isEqualTo(Source.State.DONE);
            assertThat(st.committedPackets()).isEqualTo(93);
            assertThat(st.anomalies()).containsEntry("ndp.malformed", 1L);
            assertThat(st.faults()).isZero();
            assertThat(st.restarts()).isZero();
            TestServer.Answer ingest = ts.admin().get("/api/ingest");
            assertThat(ingest.json().at("/sources/0/anomalies/ndp.malformed").asLong()).isEqualTo(1);
            assertThat(ingest.json().at("/sources/0/health").asText()).isEqualTo("ok");
        }
    }

    @Test
    void backoffDoublesUpToItsBound() {
        SupervisionLimits l = SupervisionLimits.DEFAULT;
        assertThat(List.of(l.restartDelay(0), l.restartDelay(1), l.restartDelay(2), l.restartDelay(8), l.restartDelay(9),
                l.restartDelay(1000))).containsExactly(1_000L, 2_000L, 4_000L, 256_000L, 300_000L, 300_000L);
    }

    /** A source whose input is waiting for it while it makes no progress (as a reader caught in a loop would). */
    static final class Stuck extends Source {
        final CountDownLatch release = new CountDownLatch(1);

        Stuck() {
            super("stuck:test", "test");
        }

        @Override
        protected void read() {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        protected boolean pending() {
            return true;
        }
    }

    @Test
    void aSourceThatStallsWithInputWaitingIsDegraded() throws Exception {
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of()))) {
            Stuck stuck = new Stuck();
            try (Ingest ingest = new Ingest(ts.server.ingest().context(), new SupervisionLimits(1_000, 1_000, 1_000, 1_500))) {
                ingest.start(stuck);
                assertThat(ingest.degraded()).isEmpty();
                await(() -> !ingest.degraded().isEmpty(), "the stall was noticed");
                assertThat(ingest.degraded().get(0).health()).isEqualTo("stalled");
                stuck.release.countDown();
                await(() -> ingest.status().get(0).state() == Source.State.DONE, "the source ended");
                assertThat(ingest.degraded()).isEmpty();
            }
        }
    }
}
