package dev.vigil.server.outputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.crypto.Tls;
import dev.vigil.store.alerts.AlertRow;
import java.io.DataInputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Syslog over TLS (RFC 5425) to a receiver with its own certificate; the webhook signature. */
class SecureOutputsTest {

    @TempDir
    Path tmp;

    static final AlertRow ALERT = new AlertRow("F0123456789abcdef012", "F0123456789abcdef012", "mac:02:00:5e:77:00:10",
            "attack.ddos_participation", "critical", "Device takes part in a denial-of-service attack", "open", null,
            "2026-11-25T22:04:05.347301Z", "2026-11-25T22:04:07.292054Z", 1_795_647_799_664L, null, null, 1_795_647_799_664L);

    @Test
    void syslogOverTlsChecksTheReceiversCertificateAndName() throws Exception {
        Path[] pem = Tls.selfSigned(tmp.resolve("receiver"), "localhost");
        Tls.Material m = Tls.load(pem[0], pem[1]);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(m.keyStore(), Tls.STORE_PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        List<String> got = new CopyOnWriteArrayList<>();
        try (SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 5,
                InetAddress.getLoopbackAddress())) {
            Thread.ofPlatform().daemon(true).start(() -> {
                while (!server.isClosed()) {
                    try (var s = server.accept(); DataInputStream in = new DataInputStream(s.getInputStream())) {
                        StringBuilder len = new StringBuilder();
                        int c;
                        while ((c = in.read()) != ' ' && c >= 0) {
                            len.append((char) c);
                        }
                        byte[] msg = new byte[Integer.parseInt(len.toString())];
                        in.readFully(msg);
                        got.add(new String(msg, StandardCharsets.UTF_8));
                    } catch (Exception e) {
                        // a refused handshake lands here
                    }
                }
            });
            Syslog ok = Syslog.parse("tls://localhost:" + server.getLocalPort() + "?ca=" + pem[0]);
            assertThat(ok.name()).startsWith("syslog:tls://localhost:");
            ok.send(ALERT);
            ok.close();
            long end = System.currentTimeMillis() + 5000;
            while (got.isEmpty() && System.currentTimeMillis() < end) {
                Thread.sleep(20);
            }
            assertThat(got).singleElement().satisfies(x -> assertThat(x).contains("alert [vigil@32473 id=\"F0123456789abcdef012\""));
            // the system's authorities do not vouch for a self-signed receiver: nothing is sent in clear or unchecked
            Syslog untrusted = Syslog.parse("tls://localhost:" + server.getLocalPort());
            assertThatThrownBy(() -> untrusted.send(ALERT)).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
            // trusting another authority than the one that signed the receiver: refused too
            Path[] other = Tls.selfSigned(tmp.resolve("other"), "localhost");
            assertThat(other[0]).isNotEqualTo(pem[0]);
            Syslog wrongCa = Syslog.parse("tls://localhost:" + server.getLocalPort() + "?ca=" + other[0]);
            assertThatThrownBy(() -> wrongCa.send(ALERT)).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        }
        assertThatThrownBy(() -> Syslog.parse("tls://localhost:6514?ca=" + tmp.resolve("missing.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot use the CA file");
    }

    @Test
    void webhookSignatureIsHmacSha256OfTheBody() {
        // RFC 4231, test case 2
        assertThat(Webhook.signature("Jefe".getBytes(StandardCharsets.UTF_8), "what do ya want for nothing?"))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
