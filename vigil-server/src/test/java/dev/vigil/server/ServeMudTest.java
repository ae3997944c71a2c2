package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.vigil.detect.inventory.Device;
import dev.vigil.enforce.mud.TestPki;
import dev.vigil.engine.testing.TestData;
import dev.vigil.server.json.Json;
import dev.vigil.server.policy.ManufacturerMud;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Manufacturers' MUD files inside {@code vigil serve}: a manufacturer's HTTPS server on loopback
 * (certificates and CMS signatures made here with BouncyCastle) serves the files two devices
 * announce. The bot's file verifies, and what the bot did (IRC, a download, a flood) goes outside it:
 * a mud.deviation finding naming the missing entries. The other device's file was changed after
 * signing: its result says tampered, and no file is used. Both results are listed and audited.
 */
class ServeMudTest {

    static final String BOT = "mac:02:00:5e:77:00:10";
    static final String GATEWAY = "mac:02:00:5e:77:00:01";

    @TempDir
    Path tmp;

    static String pem(X509Certificate c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    static String file(String url, boolean signed) {
        return """
                {"ietf-mud:mud": {"mud-version": 1, "mud-url": "%s", "last-update": "2024-05-01T10:00:00Z",
                  %s"cache-validity": 1, "is-supported": true, "systeminfo": "Example camera",
                  "from-device-policy": {"access-lists": {"access-list": [{"name": "mud-1-v4fr"}]}}},
                 "ietf-access-control-list:acls": {"acl": [{"name": "mud-1-v4fr", "type": "ipv4-acl-type", "aces": {"ace": [
                  {"name": "cl0-frdev", "matches": {"ipv4": {"ietf-acldns:dst-dnsname": "cloud.camera.example.com",
                   "protocol": 6}, "tcp": {"ietf-mud:direction-initiated": "from-device",
                   "destination-port": {"operator": "eq", "port": 443}}}, "actions": {"forwarding": "accept"}}]}}]}}
                """.formatted(url, signed ? "\"mud-signature\": \"" + url + ".p7s\", " : "");
    }

    /** The device as the store has it, announcing a MUD URL (as its DHCP option 161 would). */
    static void announce(TestServer ts, String id, String url) throws Exception {
        Device d = ts.server.stores().devices().inventory(id);
        ObjectNode n = Json.MAPPER.valueToTree(d);
        n.put("mud_url", url);
        ts.server.stores().devices().put(Json.MAPPER.treeToValue(n, Device.class), System.currentTimeMillis());
    }

    @Test
    void theServiceChecksTheFilesDevicesAnnounceAndReportsWhatGoesOutsideThem() throws Exception {
        TestPki.Issued tlsCa = TestPki.ca("Test TLS CA");
        TestPki.Issued mudCa = TestPki.ca("Example Camera MUD CA");
        TestPki.Issued signer = TestPki.leaf(mudCa, "mud-signer.camera.example.com", KeyUsage.digitalSignature, false);
        TestPki.Issued tls = TestPki.leaf(tlsCa, "127.0.0.1", KeyUsage.digitalSignature, true);
        Map<String, byte[]> served = new ConcurrentHashMap<>();
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(TestPki.server(tls, tlsCa)));
        https.createContext("/", ex -> {
            byte[] body = served.get(ex.getRequestURI().getPath());
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        https.start();
        try {
            String base = "https://127.0.0.1:" + https.getAddress().getPort();
            byte[] good = file(base + "/camera.json", true).getBytes(StandardCharsets.UTF_8);
            served.put("/camera.json", good);
            served.put("/camera.json.p7s", TestPki.cms(good, signer));
            byte[] signedBytes = file(base + "/gateway.json", true).getBytes(StandardCharsets.UTF_8);
            served.put("/gateway.json.p7s", TestPki.cms(signedBytes, signer));
            served.put("/gateway.json", new String(signedBytes, StandardCharsets.UTF_8).replace("\"port\": 443", "\"port\": 23")
                    .getBytes(StandardCharsets.UTF_8));
            Path anchors = tmp.resolve("mud-anchors.pem");
            Files.writeString(anchors, pem(mudCa.cert()));
            Path tlsCaFile = tmp.resolve("tls-ca.pem");
            Files.writeString(tlsCaFile, pem(tlsCa.cert()));

            ServerConfig cfg = TestServer.config(tmp.resolve("data"), List.of(TestData.capture("vigil-netns-botnet.pcap")))
                    .withEnforcement(new ServerConfig.Enforcement(null, null, List.of(), List.of(), null, anchors, tlsCaFile));
            try (TestServer ts = TestServer.start(cfg).settle()) {
                TestServer.Client admin = ts.admin();
                announce(ts, BOT, base + "/camera.json");
                announce(ts, GATEWAY, base + "/gateway.json");
                List<ManufacturerMud.Result> results = ts.server.segmentation().mud().checkAll();
                ManufacturerMud.Result bot = results.stream().filter(r -> r.device().equals(BOT)).findFirst().orElseThrow();
                assertThat(bot.status()).as(bot.message()).isEqualTo("verified");
                assertThat(bot.signer()).contains("mud-signer.camera.example.com");
                assertThat(bot.deviates()).isTrue();
                ManufacturerMud.Result gw = results.stream().filter(r -> r.device().equals(GATEWAY)).findFirst().orElseThrow();
                assertThat(gw.status()).isEqualTo("tampered");
                assertThat(gw.deviates()).isFalse();

                JsonNode found = admin.get("/api/findings?type=mud.deviation").json().get("items");
                assertThat(found).singleElement().satisfies(f -> {
                    assertThat(f.get("finding").get("device").get("id").asText()).isEqualTo(BOT);
                    JsonNode ev = f.get("finding").get("evidence");
                    // every stored flow of the bot goes outside a file that allows only tcp/443 to the maker's cloud
                    assertThat(ev.get("outside_the_file").asLong()).isEqualTo(ev.get("flows").asLong()).isGreaterThan(5_000);
                    assertThat(ev.get("missing_entries").toString()).contains("net:198.51.100.7/32 udp/");
                    assertThat(ev.get("entries_never_used").toString()).contains("cl0-frdev");
                });
                JsonNode listed = admin.get("/api/policy").json().get("mud");
                assertThat(listed.findValuesAsText("status")).containsExactlyInAnyOrder("verified", "tampered");
                String audit = admin.get("/api/audit?limit=200").text();
                assertThat(audit).contains("mud.check").contains("tampered");
                // a second check within the file's validity is served from the cache and audits nothing new
                long before = admin.get("/api/audit?limit=1").json().get("total").asLong();
                assertThat(ts.server.segmentation().mud().checkAll()).filteredOn(r -> r.device().equals(BOT))
                        .singleElement().satisfies(r -> assertThat(r.fromCache()).isTrue());
                assertThat(admin.get("/api/findings?type=mud.deviation").json().get("items")).hasSize(1);
                assertThat(admin.get("/api/audit?limit=1").json().get("total").asLong()).isEqualTo(before);
            }
        } finally {
            https.stop(0);
        }
    }
}
