package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.engine.testing.TestData;
import dev.vigil.server.ingest.LiveCapture;
import dev.vigil.server.ingest.Source;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live capture through libpcap (on loopback only) and a capture stream on standard input. */
class LiveAndStreamTest {

    @TempDir
    Path tmp;

    @Test
    void liveCaptureOnLoopbackReachesTheStore() throws Exception {
        assumeTrue(LiveCapture.available(), "skipped: libpcap0.8 is not installed");
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            ServerConfig cfg = TestServer.config(tmp.resolve("data"), List.of())
                    .withInputs(false, List.of("lo"), "tcp port " + port, List.of(), List.of()).withWindow(300, 1);
            try (TestServer ts = TestServer.start(cfg)) {
                Source.Status st = ts.server.ingest().status().get(0);
                long end = System.currentTimeMillis() + 5000;
                while (st.state() == Source.State.STARTING && System.currentTimeMillis() < end) {
                    Thread.sleep(20);
                    st = ts.server.ingest().status().get(0);
                }
                Thread.sleep(300);
                st = ts.server.ingest().status().get(0);
                assumeTrue(st.state() != Source.State.FAILED, "skipped: cannot capture here: " + st.message());
                Thread echo = Thread.ofPlatform().daemon(true).start(() -> {
                    try {
                        while (true) {
                            try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                                out.write(in.readNBytes(5));
                            }
                        }
                    } catch (java.io.IOException e) {
                        // closed
                    }
                });
                // the source says RUNNING before libpcap delivers its first packet (slower on a loaded machine):
                // connect until the capture sees one, and count those connections too
                int warmups = 0;
                end = System.currentTimeMillis() + 10_000;
                while (ts.server.ingest().status().get(0).packets() == 0 && System.currentTimeMillis() < end) {
                    try (Socket c = new Socket(InetAddress.getLoopbackAddress(), port)) {
                        c.getOutputStream().write("hello".getBytes());
                        c.getInputStream().readNBytes(5);
                    }
                    warmups++;
                    Thread.sleep(200);
                }
                for (int i = 0; i < 20; i++) {
                    try (Socket c = new Socket(InetAddress.getLoopbackAddress(), port)) {
                        c.getOutputStream().write("hello".getBytes());
                        c.getInputStream().readNBytes(5);
                    }
                }
                end = System.currentTimeMillis() + 15_000;
                long committed = 0;
                while (System.currentTimeMillis() < end) {
                    committed = ts.server.store().read(h -> h.createQuery("SELECT COALESCE(SUM(packets), 0) FROM checkpoints")
                            .mapTo(Long.class).one());
                    if (committed >= 20 * 8) {
                        break;
                    }
                    Thread.sleep(100);
                }
                st = ts.server.ingest().status().get(0);
                assertThat(committed).as("packets committed from the live capture").isGreaterThanOrEqualTo(20 * 8);
                assertThat(st.dropped()).isZero();
                long flows = ts.server.store().read(h -> h.createQuery("SELECT COALESCE(SUM(flows), 0) FROM edges WHERE service LIKE :s")
                        .bind("s", "%" + port).mapTo(Long.class).one());
                // every connection after the capture went live, and the first it saw at all
                assertThat(flows).isBetween(20L, 20L + warmups);
                echo.interrupt();
            }
        }
    }

    @Test
    void captureStreamOnStandardInput() throws Exception {
        Path sample = TestData.repoRoot().resolve("samples/iot-lab.pcapng.gz");
        ServerConfig cfg = TestServer.config(tmp.resolve("data"), List.of()).withInputs(true, List.of(), null, List.of(), List.of());
        try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(sample));
                TestServer ts = TestServer.start(cfg, in)) {
            ts.settle();
            Source.Status st = ts.server.ingest().status().get(0);
            assertThat(st.kind()).isEqualTo("stdin");
            assertThat(st.packets()).isEqualTo(5652);
            long devices = ts.server.store().read(h -> h.createQuery("SELECT COUNT(*) FROM devices").mapTo(Long.class).one());
            assertThat(devices).isGreaterThan(10);
        }
    }
}
