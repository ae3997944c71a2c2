package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.engine.testing.Poison;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16: one packet must never stop {@code vigil analyze} or a {@code vigil serve} source; it costs that packet, counted by name. */
class HostilePacketTest {

    @TempDir
    Path tmp;

    @Test
    void aTruncatedNeighborSolicitationIsCountedAndTheAnalysisCompletes() throws Exception {
        Path capture = Poison.capture(tmp);
        Path out = tmp.resolve("out");
        Cli r = Cli.run("analyze", "-q", "--no-intel", "--out", out.toString(), capture.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("packets").asLong()).isEqualTo(93);
        assertThat(summary.at("/malformed/ndp.malformed").asLong()).isEqualTo(1);
        assertThat(summary.get("faults").size()).isZero();
        assertThat(summary.get("devices").asInt()).isPositive();
    }

    /**
     * A real {@code vigil serve} fed the poisoned capture: before the fix its file source failed on
     * the packet, and again at every restart (it resumed before the packet each time). Now the source
     * reads the file to its end, commits every packet, and /health stays "ready".
     */
    @Test
    void aServeSourceReadsThePoisonedCaptureToItsEnd() throws Exception {
        Path capture = Poison.capture(tmp);
        Path data = tmp.resolve("data");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED", Main.class.getName(), "serve",
                "--data", data.toString(), "--listen", "127.0.0.1:0", "--window", "60", capture.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
            String url = null;
            String line;
            while (url == null && (line = r.readLine()) != null) {
                Matcher m = Pattern.compile("dashboard and API on (http://\\S+/)").matcher(line);
                if (m.find()) {
                    url = m.group(1);
                }
            }
            assertThat(url).as("the service started").isNotNull();
            Map<String, Object> done = null;
            long end = System.currentTimeMillis() + 60_000;
            while (done == null && System.currentTimeMillis() < end) {
                Thread.sleep(200);
                try (dev.vigil.store.db.Database store = dev.vigil.store.db.Database.open(data, null, null, null)) {
                    done = store.read(h -> h.createQuery("SELECT position, packets FROM checkpoints WHERE position LIKE 'done:%'")
                            .mapToMap().findOne().orElse(null));
                }
            }
            assertThat(done).as("the file source read its capture to the end").isNotNull();
            assertThat(((Number) done.get("packets")).longValue()).isEqualTo(93);
            assertThat((String) done.get("position")).startsWith("done:93@");
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"ready\"");
        } finally {
            p.destroy();
            p.waitFor();
        }
        assertThat(p.exitValue()).isIn(0, 143);
    }
}
