package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.inputs.netflow.NetflowLimits;
import dev.vigil.server.ingest.FlowCollector;
import dev.vigil.server.ingest.Source;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile datagrams at a running collector, next to softflowd's real exports: the collector decodes
 * the real ones, counts the hostile ones by name and stops when asked. Other senders use their own
 * loopback addresses (127.0.0.2 and up), so each is an exporter of its own.
 */
class HostileDatagramsTest {

    @TempDir
    Path tmp;

    static byte[] zeroFieldIpfix() {
        // a template set with one template of no fields, then a data set for it: 32 bytes
        return ByteBuffer.allocate(32).putShort((short) 10).putShort((short) 32).putInt(1_700_000_000).putInt(1).putInt(0)
                .putShort((short) 2).putShort((short) 8).putShort((short) 256).putShort((short) 0)
                .putShort((short) 256).putShort((short) 8).putInt(0).array();
    }

    static byte[] zeroFieldV9() {
        return ByteBuffer.allocate(36).putShort((short) 9).putShort((short) 2).putInt(1000).putInt(1_700_000_000).putInt(1)
                .putInt(0).putShort((short) 0).putShort((short) 8).putShort((short) 256).putShort((short) 0)
                .putShort((short) 256).putShort((short) 8).putInt(0).array();
    }

    /** An IPFIX message announcing {@code n} templates of 100 fields each in observation domain {@code domain}. */
    static byte[] templateFlood(int domain, int n) {
        int rec = 4 + 100 * 4;
        ByteBuffer b = ByteBuffer.allocate(16 + 4 + n * rec).putShort((short) 10).putShort((short) (16 + 4 + n * rec))
                .putInt(1_700_000_000).putInt(1).putInt(domain).putShort((short) 2).putShort((short) (4 + n * rec));
        for (int t = 0; t < n; t++) {
            b.putShort((short) (256 + t)).putShort((short) 100);
            for (int f = 0; f < 100; f++) {
                b.putShort((short) (1 + f)).putShort((short) 4);
            }
        }
        return b.array();
    }

    static void send(String from, int port, byte[] datagram, int times) throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(from, 0))) {
            for (int i = 0; i < times; i++) {
                s.send(new DatagramPacket(datagram, datagram.length, new InetSocketAddress("127.0.0.1", port)));
            }
        }
    }

    static void awaitPort(FlowCollector fc) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (fc.port() < 0 && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
    }

    @Test
    void zeroFieldTemplatesAndTemplateFloodsCostOnlyThemselves() throws Exception {
        assumeTrue(Files.isExecutable(FlowCollectorTest.SOFTFLOWD), "skipped: softflowd is not installed (./test installs it as root)");
        ServerConfig cfg = TestServer.config(tmp.resolve("data"), List.of())
                .withInputs(false, List.of(), null, List.of("127.0.0.1:0"), List.of()).withWindow(300, 1);
        FlowCollector fc;
        try (TestServer ts = TestServer.start(cfg)) {
            fc = (FlowCollector) ts.server.ingest().sources().get(0);
            awaitPort(fc);
            send("127.0.0.2", fc.port(), zeroFieldIpfix(), 20);
            send("127.0.0.2", fc.port(), zeroFieldV9(), 20);
            for (int x = 0; x < 40; x++) {
                for (int dom = 0; dom < 10; dom++) {
                    send("127.0.0." + (3 + x), fc.port(), templateFlood(dom, 30), 1);
                }
            }
            FlowCollectorTest.softflowd(fc, "10");
            TestServer.Client admin = ts.admin();
            JsonNode src = FlowCollectorTest.settled(ts, admin);
            assertThat(src.get("flows").asLong()).as("softflowd's flows, decoded after the hostile datagrams").isGreaterThan(500);
            assertThat(src.get("state").asText()).isEqualToIgnoringCase("running");
            assertThat(src.get("malformed").asLong()).isGreaterThanOrEqualTo(40);
            assertThat(src.get("message").asText()).contains("netflow.template_no_fields").contains("netflow.template_evicted");
            assertThat(fc.templatesKept()).isLessThanOrEqualTo(NetflowLimits.DEFAULT.templates());
        }
        // the service stops when asked (the review's endless loop also ignored SIGTERM)
        assertThat(fc.status().state()).isEqualTo(Source.State.STOPPED);
    }

    @Test
    void anExporterOverItsRateIsDroppedWhileOthersAreDecoded() throws Exception {
        assumeTrue(Files.isExecutable(FlowCollectorTest.SOFTFLOWD), "skipped: softflowd is not installed (./test installs it as root)");
        NetflowLimits slow = new NetflowLimits(64, 64, 1024, 8, 64, 1, 100);
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("rate"), List.of()).withWindow(300, 1))) {
            FlowCollector fc = new FlowCollector(new InetSocketAddress("127.0.0.1", 0), slow);
            ts.server.ingest().start(fc);
            awaitPort(fc);
            send("127.0.0.2", fc.port(), templateFlood(1, 1), 1000);
            FlowCollectorTest.softflowd(fc, "5");
            TestServer.Client admin = ts.admin();
            JsonNode src = FlowCollectorTest.settled(ts, admin);
            assertThat(src.get("flows").asLong()).as("softflowd's flows, from its own bucket").isGreaterThan(500);
            // 100 at once and one a second: of 1,000 datagrams sent at once, at least 800 are over the rate
            assertThat(src.get("dropped").asLong()).isGreaterThanOrEqualTo(800);
            assertThat(src.get("message").asText()).contains("over their exporter's rate");
        }
    }
}
