package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS with a self-signed certificate Vigil makes, then with PEM files given to it; hostname checks on. */
class TlsTest {

    @TempDir
    Path tmp;

    static HttpClient trusting(X509Certificate cert) throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("vigil", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ctx).build();
    }

    @Test
    void selfSignedThenGivenPemFiles() throws Exception {
        Path data = tmp.resolve("data");
        String fingerprint;
        try (TestServer ts = TestServer.start(TestServer.config(data, List.of())
                .withTls(new ServerConfig.Tls(null, null, true)))) {
            X509Certificate cert = ts.server.tlsCertificate();
            fingerprint = ts.server.tlsFingerprint();
            assertThat(fingerprint).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
            HttpClient https = trusting(cert);
            HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + ts.server.port() + "/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(r.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
            HttpResponse<String> api = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + ts.server.port()
                    + "/api/devices")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isEqualTo(401);
            // nothing in clear on that port
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + ts.server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .satisfiesAnyOf(e -> assertThat(e).isInstanceOf(java.io.IOException.class),
                            e -> assertThat(e).hasMessageContaining("400"));
            // a client that does not trust the certificate refuses it
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("https://localhost:"
                    + ts.server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        }
        assertThat(Files.getPosixFilePermissions(data.resolve("tls/server.key")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        // the same files given as PEM: the same certificate
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("data2"), List.of())
                .withTls(new ServerConfig.Tls(data.resolve("tls/server.crt"), data.resolve("tls/server.key"), false)))) {
            assertThat(ts.server.tlsFingerprint()).isEqualTo(fingerprint);
        }
        // a key that is not the certificate's is refused with one line
        Path other = tmp.resolve("other");
        dev.vigil.server.crypto.Tls.selfSigned(other, "localhost");
        assertThatThrownBy(() -> TestServer.start(TestServer.config(tmp.resolve("data3"), List.of())
                .withTls(new ServerConfig.Tls(data.resolve("tls/server.crt"), other.resolve("server.key"), false))))
                .isInstanceOf(VigilServer.StartException.class).hasMessageContaining("is not the key of the certificate");
    }
}
