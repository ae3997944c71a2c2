package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.testing.TestData;
import dev.vigil.store.db.Database;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 in the middle of ingestion, restart: every packet is stored exactly once, and the store ends
 * up as if nothing had happened (same devices, same findings with the same counts, same alerts).
 */
class RestartTest {

    @TempDir
    Path tmp;

    static final int COPIES = 4;

    /** Restarts whose source read its input again to rebuild detection (from the children's logs). */
    static final java.util.concurrent.atomic.AtomicInteger REPLAYS = new java.util.concurrent.atomic.AtomicInteger();
    static final int WINDOW = 10;

    @Test
    void killNineMidIngestionLosesAndDuplicatesNothing() throws Exception {
        run(null);
    }

    @Test
    void killNineMidIngestionOnPostgresql() throws Exception {
        inFreshSchema("r", this::run);
    }

    /** A scenario run on the PostgreSQL database in a schema of its own (its URL), dropped after; skipped without one. */
    interface OnUrl {
        void run(String url) throws Exception;
    }

    static void inFreshSchema(String prefix, OnUrl scenario) throws Exception {
        String schema = prefix + Long.toHexString(System.nanoTime());
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(PostgresStoreTest.URL, PostgresStoreTest.USER,
                PostgresStoreTest.PASSWORD)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (java.sql.SQLException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "skipped: no PostgreSQL at " + PostgresStoreTest.URL
                    + "; ./test starts one when run as root");
        }
        try {
            scenario.run(PostgresStoreTest.URL + (PostgresStoreTest.URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        } finally {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(PostgresStoreTest.URL, PostgresStoreTest.USER,
                    PostgresStoreTest.PASSWORD)) {
                c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /** The scenario, on SQLite (url null) or on the PostgreSQL database at {@code url}. */
    void run(String url) throws Exception {
        Path captures = tmp.resolve("captures");
        Files.createDirectories(captures);
        Path sample = TestData.repoRoot().resolve("samples/iot-lab.pcapng.gz");
        for (int i = 0; i < COPIES; i++) {
            Files.copy(sample, captures.resolve("ring-" + i + ".pcapng.gz"));
            Files.setLastModifiedTime(captures.resolve("ring-" + i + ".pcapng.gz"),
                    java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 600_000 + i * 1000L));
        }
        // the reference: the same input, never interrupted
        Map<String, String> expected;
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("ref"), List.of(captures)).withWindow(WINDOW, 30))) {
            waitForFiles(ts.server.store(), COPIES);
            expected = contents(ts.server.store());
        }
        Path data = tmp.resolve("data");
        Process p = child(data, captures, url);
        boolean killedMidway = false;
        try (Database store = url == null ? waitForStore(data) : openPg(url)) {
            long end = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < end) {
                long windows = count(store, "SELECT COALESCE(SUM(windows), 0) FROM checkpoints");
                long done = count(store, "SELECT COUNT(*) FROM checkpoints WHERE position LIKE 'done:%'");
                if (windows >= 6 && done < COPIES) {
                    p.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
                    p.waitFor(10, TimeUnit.SECONDS);
                    killedMidway = count(store, "SELECT COUNT(*) FROM checkpoints WHERE position LIKE 'done:%'") < COPIES;
                    break;
                }
                Thread.sleep(5);
            }
        } finally {
            p.destroyForcibly();
        }
        assertThat(killedMidway).as("the process was killed before it finished").isTrue();
        Map<String, String> partial;
        try (Database store = url == null ? Database.open(data, null, null, null) : openPg(url)) {
            partial = contents(store);
        }
        assertThat(Long.parseLong(partial.get("packets"))).isLessThan(Long.parseLong(expected.get("packets")));
        // restart on the same data: it resumes where the last committed window ended
        ServerConfig again = TestServer.config(data, List.of(captures)).withWindow(WINDOW, 30);
        if (url != null) {
            again = again.withDatabase(url, PostgresStoreTest.USER, PostgresStoreTest.PASSWORD);
        }
        try (TestServer ts = TestServer.start(again)) {
            waitForFiles(ts.server.store(), COPIES);
            Map<String, String> after = contents(ts.server.store());
            assertThat(after.get("packets")).isEqualTo(expected.get("packets"));
            assertThat(Long.parseLong(after.get("packets"))).isEqualTo(COPIES * 5652L);
            assertThat(after).isEqualTo(expected);
            // history stays compact: a snapshot per 5 minutes of evidence, a trust point when something moved
            long snapshots = count(ts.server.store(), "SELECT COUNT(*) FROM metrics_snapshots");
            long maxPoints = count(ts.server.store(), "SELECT COALESCE(MAX(n), 0) FROM (SELECT COUNT(*) AS n FROM trust_history "
                    + "GROUP BY device_id) x");
            assertThat(snapshots).isBetween(1L, 2L);
            assertThat(maxPoints).isBetween(1L, 4L);
        }
    }

    static Database openPg(String url) throws Exception {
        return Database.open(Path.of("."), url, PostgresStoreTest.USER, PostgresStoreTest.PASSWORD);
    }

    static Process child(Path data, Path captures, String url) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-Xmx512m"));
        if (url != null) {
            cmd.addAll(List.of("-Dvigil.db.url=" + url, "-Dvigil.db.user=" + PostgresStoreTest.USER,
                    "-Dvigil.db.password=" + PostgresStoreTest.PASSWORD));
        }
        cmd.addAll(List.of(ServeMain.class.getName(), data.toString(), Integer.toString(WINDOW), captures.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String line;
        while ((line = r.readLine()) != null && !line.startsWith("READY")) {
            // startup output
        }
        Thread.ofPlatform().daemon(true).start(() -> r.lines().forEach(l -> {
            if (l.contains("reading again from")) {
                REPLAYS.incrementAndGet();
            }
        }));
        return p;
    }

    static Database waitForStore(Path data) throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        while (!Files.exists(data.resolve("vigil.db")) && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        return Database.open(data, null, null, null);
    }

    static long count(Database s, String sql) {
        return s.read(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    static void waitForFiles(Database s, int files) throws InterruptedException {
        long end = System.currentTimeMillis() + 120_000;
        while (count(s, "SELECT COUNT(*) FROM checkpoints WHERE position LIKE 'done:%'") < files
                && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertThat(count(s, "SELECT COUNT(*) FROM checkpoints WHERE position LIKE 'done:%'")).isEqualTo(files);
    }

    /** What must not differ: packets stored, devices, findings with their counts, alerts, conversations. */
    static Map<String, String> contents(Database s) {
        return s.read(h -> {
            Map<String, String> m = new TreeMap<>();
            m.put("packets", String.valueOf(h.createQuery("SELECT COALESCE(SUM(packets), 0) FROM checkpoints").mapTo(Long.class).one()));
            m.put("devices", String.join(",", h.createQuery("SELECT id || ':' || COALESCE(type, '') FROM devices ORDER BY id")
                    .mapTo(String.class).list()));
            m.put("findings", String.join(",", h.createQuery("SELECT id || ':' || count FROM findings ORDER BY id")
                    .mapTo(String.class).list()));
            m.put("alerts", String.join(",", h.createQuery("SELECT id FROM alerts ORDER BY id").mapTo(String.class).list()));
            m.put("edges", String.join(",", h.createQuery("SELECT src || '>' || dst || '/' || service || ':' || flows || ':' || bytes "
                    + "FROM edges ORDER BY src, dst, service").mapTo(String.class).list()));
            return m;
        });
    }
}
