package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.testing.TestData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request bodies have a limit per route: JSON 1 MiB; the CSV import streams up to 32 MiB and
 * 100,000 rows, and refuses more without applying anything or holding it in memory.
 */
class UploadLimitsTest {

    @TempDir
    Path tmp;

    @Test
    void oversizedBodiesAreRefusedAndALargeImportIsStreamed() throws Exception {
        try (TestServer ts = TestServer.start(TestServer.config(tmp.resolve("data"), List.of(TestData.capture("ndpi-http-auth.pcap"))))
                .settle()) {
            TestServer.Client admin = ts.admin();
            String analyst = ts.newToken(admin, "soar", "analyst");
            String id = admin.get("/api/devices?limit=1").json().get("items").get(0).get("id").asText();
            // the review's import: 16 MB, over the row limit; refused whole, nothing applied
            StringBuilder big = new StringBuilder("id,location\n");
            for (int i = 0; big.length() < 16_000_000; i++) {
                big.append(i == 0 ? id : "no-such-device-" + i).append(",Ward ").append(i % 100).append(" of the east building wing\n");
            }
            TestServer.Answer tooMany = ts.token(analyst).raw("POST", "/api/devices.csv", big.toString(), "text/csv");
            assertThat(tooMany.status()).as(tooMany.text()).isEqualTo(413);
            assertThat(admin.get("/api/devices/" + id).json().get("location").isNull()).as("nothing applied").isTrue();
            // beyond 32 MiB the upload is refused by its declared length, before the body is sent
            assertThat(statusBeforeBody(ts, analyst, "POST", "/api/devices.csv", "text/csv", (33L << 20) + 12))
                    .startsWith("HTTP/1.1 413");
            // a JSON body over 1 MiB
            assertThat(statusBeforeBody(ts, analyst, "PATCH", "/api/devices/" + id, "application/json", 2 << 20))
                    .startsWith("HTTP/1.1 413");
            // 100,000 rows is within the limit: applied in batches, refusals listed up to a thousand and counted
            StringBuilder ok = new StringBuilder("id,location\n").append(id).append(",Ward 7\n");
            for (int i = 1; i < 100_000; i++) {
                ok.append("no-such-device-").append(i).append(",x\n");
            }
            TestServer.Answer imp = ts.token(analyst).raw("POST", "/api/devices.csv", ok.toString(), "text/csv");
            assertThat(imp.status()).as(imp.text()).isEqualTo(200);
            assertThat(imp.json().get("updated").asInt()).isEqualTo(1);
            assertThat(imp.json().get("refused")).hasSize(1000);
            assertThat(imp.json().get("refused_total").asInt()).isEqualTo(99_999);
            assertThat(admin.get("/api/devices/" + id).json().get("location").asText()).isEqualTo("Ward 7");
        }
    }

    /**
     * The status line the server sends to a request whose body waits for 100 Continue, as curl sends
     * large bodies. A raw socket: the JDK client sends the body anyway when no answer comes within 5 s
     * (a loaded machine), and an answer to a connection closed on unread data can then be lost to its reset.
     */
    private static String statusBeforeBody(TestServer ts, String token, String method, String path, String type, long length)
            throws Exception {
        try (Socket so = new Socket("127.0.0.1", ts.server.port())) {
            so.setSoTimeout(60_000);
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: " + type + "\r\nContent-Length: " + length + "\r\nExpect: 100-continue\r\n\r\n";
            so.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            so.getOutputStream().flush();
            return new BufferedReader(new InputStreamReader(so.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
