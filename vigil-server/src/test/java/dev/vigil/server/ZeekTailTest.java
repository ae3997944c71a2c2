package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following a Zeek conn.log as it grows and rotates, resuming after a restart without re-reading. */
class ZeekTailTest {

    @TempDir
    Path tmp;

    static long committedFlows(TestServer ts) {
        return ts.server.store().read(h -> h.createQuery("SELECT COALESCE(SUM(flows), 0) FROM checkpoints").mapTo(Long.class).one());
    }

    static void waitFor(LongSupplier value, long expected) throws InterruptedException {
        long end = System.currentTimeMillis() + 30_000;
        while (value.getAsLong() < expected && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertThat(value.getAsLong()).isEqualTo(expected);
    }

    static ServerConfig config(Path data, Path log) {
        return TestServer.config(data, List.of()).withInputs(false, List.of(), null, List.of(), List.of(log)).withWindow(300, 1);
    }

    @Test
    void followsGrowthAndRotationAndResumes() throws Exception {
        Path scan = TestData.shared("flows/stratosphere/002-port-scanning.conn.log");
        List<String> rows = Files.readAllLines(scan, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        Path log = tmp.resolve("conn.log");
        int half = rows.size() / 2;
        Files.write(log, rows.subList(0, half));
        try (TestServer ts = TestServer.start(config(tmp.resolve("data"), log))) {
            waitFor(() -> committedFlows(ts), half);
            Files.write(log, rows.subList(half, rows.size()), StandardOpenOption.APPEND);
            waitFor(() -> committedFlows(ts), rows.size());
            TestServer.Client admin = ts.admin();
            Set<String> types = new HashSet<>();
            admin.get("/api/alerts?limit=1000").json().get("items").forEach(a -> types.add(a.get("type").asText()));
            assertThat(types).anyMatch(t -> t.startsWith("attack.scan"));
            // Zeek rotates: the log is renamed and a new one starts under the same name
            Files.move(log, tmp.resolve("conn.old.log"));
            Path bundled = TestData.repoRoot().resolve("vigil-inputs/src/test/resources/flows/iot23-sample.conn.log.labeled");
            Files.copy(bundled, log);
            waitFor(() -> committedFlows(ts), rows.size() + 3);
        }
        // a restart reads nothing twice
        try (TestServer ts = TestServer.start(config(tmp.resolve("data"), log))) {
            Thread.sleep(2500);
            assertThat(committedFlows(ts)).isEqualTo(rows.size() + 3);
            Files.writeString(log, "1525879900.000000\tCnew\t192.168.100.103\t40000\t192.168.100.1\t53\tudp\tdns\t0.1\t30\t60\tSF\t-\t-\t0"
                    + "\tDd\t1\t58\t1\t88\t(empty)   Benign   -\n", StandardOpenOption.APPEND);
            waitFor(() -> committedFlows(ts), rows.size() + 4);
        }
    }

    @Test
    void bundledIot23LogWithItsThreeSpaceColumns() throws Exception {
        Path log = tmp.resolve("conn.log");
        Files.copy(TestData.repoRoot().resolve("vigil-inputs/src/test/resources/flows/iot23-sample.conn.log.labeled"), log);
        try (TestServer ts = TestServer.start(config(tmp.resolve("data"), log))) {
            waitFor(() -> committedFlows(ts), 3);
            var src = ts.server.ingest().status().get(0);
            assertThat(src.malformed()).isEqualTo(1); // the "not a row" line
        }
    }
}
