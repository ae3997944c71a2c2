package dev.vigil.enforce.mud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.analysis.Analyzer;
import dev.vigil.detect.analysis.Progress;
import dev.vigil.detect.inventory.Device;
import dev.vigil.engine.testing.TestData;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A manufacturer's MUD server on loopback (the JDK's HttpsServer, certificates made here with
 * BouncyCastle): a signed file verifies and is cached for its cache-validity; a tampered file, a
 * wrong signer, a signer that may not sign, an unsigned file, a file naming another URL and an
 * expired cache each give their own result; plain HTTP is refused; checking cannot be turned off.
 */
class MudFetcherTest {

    static final long HOUR = 3_600_000_000_000L;

    @TempDir
    Path cache;

    HttpsServer server;
    final Map<String, byte[]> served = new ConcurrentHashMap<>();
    final AtomicLong clock = new AtomicLong(System.currentTimeMillis() * 1_000_000L);
    TestPki.Issued tlsCa;
    TestPki.Issued mudCa;
    TestPki.Issued signer;
    String base;

    @BeforeEach
    void up() throws Exception {
        tlsCa = TestPki.ca("Test TLS CA");
        mudCa = TestPki.ca("Example Lighting MUD CA");
        signer = TestPki.leaf(mudCa, "mud-signer.lighting.example.com", KeyUsage.digitalSignature, false);
        TestPki.Issued tls = TestPki.leaf(tlsCa, "127.0.0.1", KeyUsage.digitalSignature, true);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestPki.server(tls, tlsCa)));
        server.createContext("/", ex -> {
            byte[] body = served.get(ex.getRequestURI().getPath());
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.getResponseHeaders().add("Content-Type", ex.getRequestURI().getPath().endsWith(".p7s")
                        ? "application/pkcs7-signature" : "application/mud+json");
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
        base = "https://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void down() {
        if (server != null) {
            server.stop(0);
        }
    }

    MudFetcher fetcher() throws Exception {
        return new MudFetcher(new MudSignatures(List.of(mudCa.cert())), cache, TestPki.trusting(tlsCa.cert()), clock::get);
    }

    /** Publishes a MUD file (with cache-validity 1 hour) and, unless null, its signature by {@code by}. */
    String publish(String path, TestPki.Issued by, boolean withSignature) throws Exception {
        String url = base + path;
        String file = """
                {"ietf-mud:mud": {"mud-version": 1, "mud-url": "%s", "last-update": "2024-05-01T10:00:00Z",
                  %s"cache-validity": 1, "is-supported": true, "systeminfo": "Example bulb",
                  "from-device-policy": {"access-lists": {"access-list": [{"name": "mud-1-v4fr"}]}}},
                 "ietf-access-control-list:acls": {"acl": [{"name": "mud-1-v4fr", "type": "ipv4-acl-type", "aces": {"ace": [
                  {"name": "cl0-frdev", "matches": {"ipv4": {"ietf-acldns:dst-dnsname": "cloud.lighting.example.com",
                   "protocol": 6}, "tcp": {"ietf-mud:direction-initiated": "from-device",
                   "destination-port": {"operator": "eq", "port": 443}}}, "actions": {"forwarding": "accept"}}]}}]}}
                """.formatted(url, withSignature ? "\"mud-signature\": \"" + url + ".p7s\", " : "");
        byte[] bytes = file.getBytes(StandardCharsets.UTF_8);
        served.put(path, bytes);
        if (withSignature) {
            served.put(path + ".p7s", TestPki.cms(bytes, by));
        }
        return url;
    }

    @Test
    void aSignedFileVerifiesAndIsServedFromTheCacheForItsValidityOnly() throws Exception {
        String url = publish("/bulb", signer, true);
        MudFetcher f = fetcher();
        MudCheck first = f.check(url);
        assertThat(first.status()).as(first.message()).isEqualTo(MudCheck.Status.VERIFIED);
        assertThat(first.signer()).contains("mud-signer.lighting.example.com");
        assertThat(first.file().fromDevice().get(0).aces().get(0).matches().dstDnsName()).isEqualTo("cloud.lighting.example.com");
        server.stop(0);
        server = null;
        clock.addAndGet(HOUR / 2);
        MudCheck cached = f.check(url);
        assertThat(cached.status()).isEqualTo(MudCheck.Status.VERIFIED);
        assertThat(cached.fromCache()).isTrue();
        clock.addAndGet(HOUR);
        MudCheck expired = f.check(url);
        assertThat(expired.status()).isEqualTo(MudCheck.Status.EXPIRED_CACHE);
        assertThat(expired.file()).isNull();
        assertThat(expired.message()).startsWith("the cached copy expired at ");
    }

    @Test
    void eachWayOfFailingHasItsOwnResult() throws Exception {
        MudFetcher f = fetcher();
        String tampered = publish("/tampered", signer, true);
        byte[] changed = new String(served.get("/tampered"), StandardCharsets.UTF_8).replace("\"port\": 443", "\"port\": 23")
                .getBytes(StandardCharsets.UTF_8);
        served.put("/tampered", changed);
        assertThat(f.check(tampered).status()).isEqualTo(MudCheck.Status.TAMPERED);

        TestPki.Issued stranger = TestPki.leaf(TestPki.ca("Someone Else"), "mud-signer.attacker.example", KeyUsage.digitalSignature,
                false);
        MudCheck wrong = f.check(publish("/wrong", stranger, true));
        assertThat(wrong.status()).isEqualTo(MudCheck.Status.WRONG_SIGNER);
        assertThat(wrong.message()).contains("mud-signer.attacker.example").contains("is not trusted");

        TestPki.Issued noSign = TestPki.leaf(mudCa, "mud-encipher.lighting.example.com", KeyUsage.keyEncipherment, false);
        MudCheck usage = f.check(publish("/usage", noSign, true));
        assertThat(usage.status()).isEqualTo(MudCheck.Status.WRONG_SIGNER);
        assertThat(usage.message()).contains("lacks digitalSignature");

        assertThat(f.check(publish("/unsigned", signer, false)).status()).isEqualTo(MudCheck.Status.UNSIGNED);

        publish("/other", signer, true);
        served.put("/moved", served.get("/other"));
        served.put("/moved.p7s", served.get("/other.p7s"));
        assertThat(f.check(base + "/moved").status()).isEqualTo(MudCheck.Status.URL_MISMATCH);

        assertThat(f.check(base + "/missing").status()).isEqualTo(MudCheck.Status.FETCH_FAILED);
        MudCheck http = f.check("http://127.0.0.1:" + server.getAddress().getPort() + "/bulb");
        assertThat(http.status()).isEqualTo(MudCheck.Status.MALFORMED);
        assertThat(http.message()).isEqualTo("a MUD URL must use https (RFC 8520), not http");
        served.put("/garbage", "{\"ietf-mud:mud\": {\"mud-version\": 1}}".getBytes(StandardCharsets.UTF_8));
        assertThat(f.check(base + "/garbage").message()).contains("mandatory leaf 'mud-url' is missing");
        assertThatThrownBy(() -> MudFetcher.testMode(new MudSignatures(List.of()), cache, TestPki.trusting(tlsCa.cert()),
                clock::get)).isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be turned off");
    }

    @Test
    void theMudUrlADeviceAnnouncesInDhcpIsWhatGetsChecked() throws Exception {
        Analyzer a = new Analyzer(AnalysisConfig.defaults().withDetect(false));
        a.addInput(TestData.capture("dhcp-mud.pcap").toString(), Progress.NONE);
        Device d = a.finish().devices().stream().filter(x -> x.mudUrl() != null).findFirst().orElseThrow();
        assertThat(d.mudUrl()).isEqualTo("https://mudctl.example.com/.well-known/mud/v1/rasbp101");
        // example.com serves no MUD file: the check says so, in its own words
        MudCheck c = fetcher().check(d.mudUrl());
        assertThat(c.status()).isEqualTo(MudCheck.Status.FETCH_FAILED);
        assertThat(c.file()).isNull();
    }
}
