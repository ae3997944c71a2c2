package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory tcpdump rotates into: files are read once complete, a stray file is skipped and counted. */
class RotatingDirectoryTest {

    @TempDir
    Path tmp;

    static long committed(TestServer ts) {
        return ts.server.store().read(h -> h.createQuery("SELECT COALESCE(SUM(packets), 0) FROM checkpoints").mapTo(Long.class).one());
    }

    @Test
    void readsEachCompleteFileOnceAsTheyArrive() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("spool"));
        Path a = TestData.capture("vigil-netns-botnet.pcap");
        Path b = TestData.capture("ndpi-http-auth.pcap");
        long pa = dev.vigil.engine.testing.Packets.read(a).size();
        long pb = dev.vigil.engine.testing.Packets.read(b).size();
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of(dir)))) {
            // the first file, finished a while ago: read
            Files.copy(a, dir.resolve("cap-0001.pcap"));
            Files.setLastModifiedTime(dir.resolve("cap-0001.pcap"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
            waitFor(ts, pa);
            // the one tcpdump is still writing (just modified, newest): not yet
            Files.copy(b, dir.resolve("cap-0002.pcap"));
            Files.writeString(dir.resolve("notes.txt"), "not a capture\n");
            Files.setLastModifiedTime(dir.resolve("notes.txt"), FileTime.fromMillis(System.currentTimeMillis() - 30_000));
            Thread.sleep(2500);
            assertThat(committed(ts)).isEqualTo(pa);
            // a newer file appears: the previous one is complete now
            Files.copy(a, dir.resolve("cap-0003.pcap"));
            waitFor(ts, pa + pb);
            // and the newest is read once it has not changed for the settle time (5 s)
            waitFor(ts, pa + pb + pa);
            var st = ts.server.ingest().status().get(0);
            assertThat(st.kind()).isEqualTo("directory");
            assertThat(st.malformed()).isEqualTo(1); // notes.txt, said once
            Thread.sleep(1500);
            assertThat(committed(ts)).isEqualTo(pa + pb + pa);
        }
    }

    static void waitFor(TestServer ts, long packets) throws InterruptedException {
        long end = System.currentTimeMillis() + 20_000;
        while (committed(ts) < packets && System.currentTimeMillis() < end) {
            Thread.sleep(100);
        }
        assertThat(committed(ts)).isEqualTo(packets);
    }
}
