package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.engine.testing.TestData;
import java.io.DataInputStream;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts reach a webhook (JSON), syslog over UDP (RFC 5424) and syslog over TCP (CEF, octet counting). */
class OutputsTest {

    @TempDir
    Path tmp;

    @Test
    void alertsGoToWebhookAndSyslog() throws Exception {
        List<String> hooks = new CopyOnWriteArrayList<>();
        List<String> udp = new CopyOnWriteArrayList<>();
        List<String> tcp = new CopyOnWriteArrayList<>();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/hook", ex -> {
            hooks.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        http.start();
        DatagramSocket ds = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon(true).start(() -> {
            byte[] b = new byte[65535];
            while (!ds.isClosed()) {
                DatagramPacket p = new DatagramPacket(b, b.length);
                try {
                    ds.receive(p);
                    udp.add(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    return;
                }
            }
        });
        ServerSocket ss = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon(true).start(() -> {
            try (Socket s = ss.accept(); InputStream in = s.getInputStream()) {
                DataInputStream d = new DataInputStream(in);
                while (true) {
                    StringBuilder len = new StringBuilder();
                    int c;
                    while ((c = d.read()) != ' ') {
                        if (c < 0) {
                            return;
                        }
                        len.append((char) c);
                    }
                    byte[] m = new byte[Integer.parseInt(len.toString())];
                    d.readFully(m);
                    tcp.add(new String(m, StandardCharsets.UTF_8));
                }
            } catch (java.io.IOException e) {
                // closed
            }
        });
        ServerConfig cfg = TestServer.config(tmp.resolve("data"), List.of(TestData.capture("vigil-netns-botnet.pcap")))
                .withOutputs(List.of("webhook:http://127.0.0.1:" + http.getAddress().getPort() + "/hook",
                        "syslog:udp://127.0.0.1:" + ds.getLocalPort(), "syslog:tcp://127.0.0.1:" + ss.getLocalPort() + "?format=cef"));
        try (TestServer ts = TestServer.start(cfg).settle()) {
            int alerts = ts.admin().get("/api/alerts").json().get("total").asInt();
            // the audit log's head goes to the outputs too (here at once; the service does it every 5 minutes)
            new dev.vigil.server.audit.AuditAnchors(ts.server.stores().audit(), ts.server.auditAnchors(), ts.server.outputs()::notice)
                    .anchor();
            assertThat(alerts).isGreaterThan(0);
            long end = System.currentTimeMillis() + 15_000;
            while ((hooks.size() < alerts || udp.size() < alerts || tcp.size() < alerts) && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
            // every alert, and the botnet host's move from trusted to quarantined for the policy layer
            end = System.currentTimeMillis() + 15_000;
            while ((hooks.size() < alerts + 1 || udp.size() < alerts + 1 || tcp.size() < alerts + 1)
                    && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
            List<String> tierHooks = hooks.stream().filter(h -> h.contains("\"kind\":\"tier_change\"")).toList();
            assertThat(tierHooks).hasSize(1);
            JsonNode tc = TestServer.JSON.readTree(tierHooks.get(0));
            assertThat(tc.get("device").asText()).isEqualTo("mac:02:00:5e:77:00:10");
            assertThat(tc.get("from").asText()).isEqualTo("trusted");
            assertThat(tc.get("to").asText()).isEqualTo("quarantined");
            assertThat(tc.get("causes")).isNotEmpty();
            List<String> tierUdp = udp.stream().filter(m -> m.contains(" tier_change ")).toList();
            assertThat(tierUdp).singleElement().satisfies(m -> assertThat(m).startsWith("<36>1 ")
                    .contains("tier_change [vigil@32473 device=\"mac:02:00:5e:77:00:10\" from=\"trusted\" to=\"quarantined\""));
            assertThat(tcp.stream().filter(m -> m.contains("CEF:0|Vigil|Vigil|0.1|trust.tier_change|"))).hasSize(1);
            udp.removeAll(tierUdp);
            tcp.removeIf(m -> m.contains("trust.tier_change"));
            hooks.removeAll(tierHooks);
            end = System.currentTimeMillis() + 15_000;
            while ((hooks.stream().noneMatch(h -> h.contains("\"kind\":\"audit.anchor\""))
                    || udp.stream().noneMatch(m -> m.contains(" audit.anchor "))
                    || tcp.stream().noneMatch(m -> m.contains("|audit.anchor|"))) && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
            assertThat(hooks.stream().filter(h -> h.contains("\"kind\":\"audit.anchor\""))).isNotEmpty()
                    .allSatisfy(h -> assertThat(TestServer.JSON.readTree(h).get("hash").asText()).matches("[0-9a-f]{64}"));
            assertThat(udp).anySatisfy(m -> assertThat(m).contains(" audit.anchor [vigil@32473 kind=\"audit.anchor\" entry=\""));
            assertThat(tcp).anySatisfy(m -> assertThat(m).contains("CEF:0|Vigil|Vigil|0.1|audit.anchor|"));
            hooks.removeIf(h -> h.contains("\"kind\":\"audit.anchor\""));
            udp.removeIf(m -> m.contains(" audit.anchor "));
            tcp.removeIf(m -> m.contains("audit.anchor"));
            assertThat(hooks).hasSize(alerts);
            assertThat(udp).hasSize(alerts);
            assertThat(tcp).hasSize(alerts);
            JsonNode j = TestServer.JSON.readTree(hooks.get(0));
            assertThat(j.get("source").asText()).isEqualTo("vigil");
            assertThat(j.get("type").asText()).contains(".");
            assertThat(j.get("device").asText()).startsWith("mac:");
            assertThat(udp).allSatisfy(m -> assertThat(m).matches(
                    "<3[2-6]>1 \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?Z \\S+ vigil - alert \\[vigil@32473 id=\"F[0-9a-f]+\" type=\"[a-z0-9_.]+\" "
                            + "severity=\"[a-z]+\" device=\"[^\"]+\" status=\"open\" first_evidence=\"[^\"]+\"\\] \uFEFF.+"));
            assertThat(tcp).allSatisfy(m -> assertThat(m).matches(
                    "<3[2-6]>1 \\S+ \\S+ vigil - alert - CEF:0\\|Vigil\\|Vigil\\|0\\.1\\|[a-z0-9_.]+\\|[^|]+\\|(10|[0-9])\\|externalId=F.*"));
            assertThat(ts.server.outputs().status()).allSatisfy(s -> assertThat(s.failed()).isZero());
        } finally {
            http.stop(0);
            ds.close();
            ss.close();
        }
    }
}
