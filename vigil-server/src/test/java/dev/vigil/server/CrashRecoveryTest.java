package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.testing.TestData;
import dev.vigil.store.db.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash loses no detection: the service is killed with SIGKILL {@value #KILLS} times at random
 * moments while it ingests captures whose detections span many windows (a slow scan, C2 retrying a
 * dead address for hours, password guessing, the lab network's own devices), started again each
 * time, and left to finish. Alerts, findings with their counts, devices, conversations and the
 * tier-change events must then equal those of an uninterrupted run, and two uninterrupted runs must
 * give the same tier-change events (assessment follows packet time, not the wall clock). The seed
 * is printed; {@code -Dvigil.kill.seed=N} replays a run, {@code -Dvigil.kills=N} kills more often
 * (bench/kill.sh runs it long).
 */
class CrashRecoveryTest {

    static final int KILLS = 20;
    static final int WINDOW = 10;

    @TempDir
    Path tmp;

    @Test
    void twentyKillsAtRandomMomentsLoseNoDetectionOnSqlite() throws Exception {
        run(null);
    }

    @Test
    void twentyKillsAtRandomMomentsLoseNoDetectionOnPostgresql() throws Exception {
        RestartTest.inFreshSchema("k", this::run);
    }

    /** The captures, oldest file first: each is read in turn, and detection spans their windows. */
    static int captures(Path dir) throws Exception {
        Files.createDirectories(dir);
        Path lab = TestData.repoRoot().resolve("vigil-engine/src/test/resources/captures");
        List<Path> in = List.of(TestData.repoRoot().resolve("samples/iot-lab.pcapng.gz"), lab.resolve("vigil-netns-c2-retry.pcap"),
                lab.resolve("vigil-netns-ssh-guess.pcap"), lab.resolve("vigil-netns-portscan.pcap"),
                TestData.repoRoot().resolve("samples/iot-lab.pcapng.gz"), lab.resolve("vigil-netns-botnet.pcap"));
        long t0 = System.currentTimeMillis() - 600_000;
        for (int i = 0; i < in.size(); i++) {
            String name = String.format("%02d-%s", i, in.get(i).getFileName());
            Files.copy(in.get(i), dir.resolve(name));
            Files.setLastModifiedTime(dir.resolve(name), java.nio.file.attribute.FileTime.fromMillis(t0 + i * 1000L));
        }
        return in.size();
    }

    void run(String url) throws Exception {
        Path captures = tmp.resolve("captures");
        int files = captures(captures);
        Map<String, String> expected;
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("ref"), List.of(captures)).withWindow(WINDOW, 30))) {
            RestartTest.waitForFiles(ts.server.store(), files);
            expected = contents(ts.server.store());
        }
        assertThat(expected.get("alerts")).as("the captures raise alerts").isNotEmpty();
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("ref2"), List.of(captures)).withWindow(WINDOW, 30))) {
            RestartTest.waitForFiles(ts.server.store(), files);
            assertThat(contents(ts.server.store()).get("tiers")).as("two identical runs, the same tier changes")
                    .isEqualTo(expected.get("tiers"));
        }
        long seed = Long.getLong("vigil.kill.seed", System.nanoTime());
        int kills = Integer.getInteger("vigil.kills", KILLS);
        System.out.println("CrashRecoveryTest seed " + seed + " (-Dvigil.kill.seed=" + seed + " replays it)");
        Random random = new Random(seed);
        // more kills, shorter moments between them, so that they all fall within the input
        int moment = Math.max(5, 250 * KILLS / kills);
        Path data = tmp.resolve("data");
        int killed = 0;
        try (Database store = url == null ? null : RestartTest.openPg(url)) {
            Database db = store;
            long before = -1;
            while (killed < kills) {
                Process p = RestartTest.child(data, captures, url);
                try {
                    if (db == null) {
                        db = RestartTest.waitForStore(data);
                    }
                    // some progress since the last kill (a window committed), then a random moment
                    long end = System.currentTimeMillis() + 60_000;
                    while (windows(db) <= before && done(db) < files && System.currentTimeMillis() < end) {
                        Thread.sleep(2);
                    }
                    Thread.sleep(random.nextInt(moment));
                    if (done(db) >= files) {
                        break;
                    }
                    p.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
                    p.waitFor(10, TimeUnit.SECONDS);
                    killed++;
                    before = windows(db);
                } finally {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            }
            if (url == null && db != null) {
                db.close();
            }
        }
        System.out.println("CrashRecoveryTest: killed " + killed + " times; " + RestartTest.REPLAYS.get()
                + " restarts so far read input again to rebuild detection");
        assertThat(killed).as("killed at random moments while it ingested").isEqualTo(kills);
        assertThat(RestartTest.REPLAYS.get()).as("restarts that replayed from a state older than the last window").isPositive();
        ServerConfig again = TestServer.config(data, List.of(captures)).withWindow(WINDOW, 30);
        if (url != null) {
            again = again.withDatabase(url, PostgresStoreTest.USER, PostgresStoreTest.PASSWORD);
        }
        try (TestServer ts = TestServer.start(again)) {
            RestartTest.waitForFiles(ts.server.store(), files);
            Map<String, String> after = contents(ts.server.store());
            for (String k : expected.keySet()) {
                assertThat(after.get(k)).as(k + " after " + killed + " kills (seed " + seed + ")").isEqualTo(expected.get(k));
            }
        }
    }

    static long windows(Database s) {
        return RestartTest.count(s, "SELECT COALESCE(SUM(windows), 0) FROM checkpoints");
    }

    static long done(Database s) {
        return RestartTest.count(s, "SELECT COUNT(*) FROM checkpoints WHERE position LIKE 'done:%'");
    }

    /** What a crash must not change: {@link RestartTest#contents} and the tier-change events. */
    static Map<String, String> contents(Database s) {
        Map<String, String> m = new TreeMap<>(RestartTest.contents(s));
        m.put("tiers", String.join("\n", s.<List<String>, RuntimeException>read(h -> h.createQuery("SELECT device_id || ' ' || ts || ' ' || data FROM tier_events "
                + "ORDER BY device_id, ts, data").mapTo(String.class).list())));
        m.put("alert severities", String.join(",", s.<List<String>, RuntimeException>read(h -> h.createQuery("SELECT id || ':' || severity FROM alerts ORDER BY id")
                .mapTo(String.class).list())));
        return m;
    }
}
