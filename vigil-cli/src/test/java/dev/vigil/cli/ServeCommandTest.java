package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil serve}, {@code vigil audit verify} and {@code vigil keys rotate} as a user runs them. */
class ServeCommandTest {

    @TempDir
    Path tmp;

    @Test
    void badUsageIsOneLineAndExitTwo() {
        for (List<String> args : List.of(List.of("serve", "--listen", "nonsense"), List.of("serve", "--window", "1"),
                List.of("serve", "no-such.pcap"), List.of("serve", "--retention", "forever=3"),
                List.of("serve", "--output", "ftp://x"), List.of("serve", "--local-net", "10.0.0.0/99"))) {
            Cli c = Cli.run(args.toArray(String[]::new));
            assertThat(c.exit()).as(args.toString()).isEqualTo(Main.USAGE);
            assertThat(c.err().lines().count()).as(c.err()).isEqualTo(1);
            assertThat(c.err()).startsWith("vigil serve: ").doesNotContain("Exception");
        }
        Cli c = Cli.run("audit", "verify", "--data", tmp.resolve("none").toString());
        assertThat(c.exit()).isEqualTo(Main.USAGE);
        assertThat(c.err()).contains("no store");
    }

    @Test
    void serveWithNoInputRunsTheDemoThenAuditAndKeysWorkOnItsStore() throws Exception {
        Path data = tmp.resolve("data");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "--enable-native-access=ALL-UNNAMED", Main.class.getName(), "serve",
                "--data", data.toString(), "--listen", "127.0.0.1:0").redirectError(tmp.resolve("serve.log").toFile()).start();
        String url = null;
        String password = null;
        boolean demo = false;
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()));
            String line;
            while ((line = r.readLine()) != null && password == null) {
                demo |= line.contains("analysing the demo capture") && line.contains("iot-lab.pcapng.gz");
                Matcher m = Pattern.compile("dashboard and API on (http://\\S+/)").matcher(line);
                if (m.find()) {
                    url = m.group(1);
                }
                m = Pattern.compile("one-time password (\\S+)").matcher(line);
                if (m.find()) {
                    password = m.group(1);
                }
            }
            assertThat(demo).isTrue();
            assertThat(url).isNotNull();
            assertThat(password).hasSizeGreaterThanOrEqualTo(16);
            HttpClient http = HttpClient.newHttpClient();
            int health = 0;
            for (int i = 0; i < 100 && health != 200; i++) {
                health = http.send(HttpRequest.newBuilder(URI.create(url + "health")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                Thread.sleep(50);
            }
            assertThat(health).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(url + "api/devices")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            Cli v = Cli.run("audit", "verify", "--data", data.toString());
            assertThat(v.exit()).as(v.err()).isZero();
            assertThat(v.out()).startsWith("audit log intact: ");
            // offline key rotation refuses to run beside the service, which holds the keys
            Cli busy = Cli.run("keys", "rotate", "--data", data.toString());
            assertThat(busy.exit()).isEqualTo(Main.USAGE);
            assertThat(busy.err()).contains("vigil serve is running");
        } finally {
            p.destroy(); // SIGTERM: the service stops its sources and commits
            p.waitFor();
        }
        assertThat(p.exitValue()).isIn(0, 143);
        // the log says when the service started serving and when it stopped
        assertThat(java.nio.file.Files.readString(tmp.resolve("serve.log"))).contains("INFO  VigilServer: vigil serving on http://")
                .contains("INFO  VigilServer: vigil stopping: each source commits what it has read")
                .containsPattern("INFO  VigilServer: vigil stopped after \\d+ s");
        // the inventory snapshots the demo left, and the diff from the first to the latest
        Cli list = Cli.run("diff", "--list", "--data", data.toString());
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out()).contains("first").contains(" devices ");
        String firstAt = list.out().lines().reduce((x, y) -> y).orElseThrow().split("\\s+")[0];
        Cli diff = Cli.run("diff", "--data", data.toString(), firstAt);
        assertThat(diff.exit()).as(diff.err()).isIn(0, 1);
        assertThat(diff.out()).startsWith("inventory at " + firstAt).contains("device(s) added");
        Cli json = Cli.run("diff", "--json", "--data", data.toString(), firstAt);
        assertThat(json.out()).contains("\"links_added\"");
        Cli before = Cli.run("diff", "--data", data.toString(), "1970-01-01");
        assertThat(before.exit()).isEqualTo(Main.USAGE);
        assertThat(before.err().lines().count()).isEqualTo(1);
        assertThat(before.err()).startsWith("vigil diff: no inventory snapshot at or before");
        Cli k = Cli.run("keys", "rotate", "--data", data.toString());
        assertThat(k.exit()).as(k.err()).isZero();
        assertThat(k.out()).startsWith("active data key ");
        // the newest entries deleted: caught by the keyed head record and by the anchor written at shutdown
        assertThat(java.nio.file.Files.readString(data.resolve("audit-anchors.log"))).isNotBlank();
        try (dev.vigil.store.db.Database s = dev.vigil.store.db.Database.open(data, null, null, null)) {
            s.write(h -> h.createUpdate("DELETE FROM audit WHERE seq = (SELECT MAX(seq) FROM audit)").execute());
        }
        Cli cut = Cli.run("audit", "verify", "--data", data.toString());
        assertThat(cut.exit()).isEqualTo(Main.FINDINGS);
        assertThat(cut.out()).contains("were removed");
        try (dev.vigil.store.db.Database s = dev.vigil.store.db.Database.open(data, null, null, null)) {
            s.write(h -> h.createUpdate("UPDATE audit SET detail = 'nothing happened' WHERE seq = 1").execute());
        }
        Cli t = Cli.run("audit", "verify", "--data", data.toString());
        assertThat(t.exit()).isEqualTo(Main.FINDINGS);
        assertThat(t.out()).contains("TAMPERED at entry 1");
    }
}
