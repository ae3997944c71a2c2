package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil probe} against fake devices on loopback (a telnet camera, an HTTP camera page with
 * Basic authentication, Debian's mosquitto with a password file), and proof that it never touches
 * an address outside its scope.
 */
class ProbeCommandTest {

    @TempDir
    Path tmp;

    private final ObjectMapper json = new ObjectMapper();

    private List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(file)) {
            out.add(json.readTree(l));
        }
        return out;
    }

    @Test
    void findsTheDefaultPasswordsOfTheFakeDevicesAndStopsAtTheFirstSuccess() throws Exception {
        try (FakeDevices.Listener telnet = FakeDevices.telnet("127.0.0.1");
                FakeDevices.Camera camera = new FakeDevices.Camera("127.0.0.1")) {
            Path out = tmp.resolve("out");
            Cli r = Cli.run("probe", "--scope", "127.0.0.1/32", "--rate", "200", "--timeout", "2000", "--out",
                    out.toString(), "--services", "telnet:" + telnet.port() + ",http:" + camera.port(), "127.0.0.1");
            assertThat(r.exit()).as(r.err()).isZero();
            List<JsonNode> findings = lines(out.resolve("findings.jsonl"));
            assertThat(findings).filteredOn(f -> f.get("type").asText().equals("probe.default_credentials"))
                    .extracting(f -> f.at("/evidence/service").asText() + " " + f.at("/evidence/user").asText() + " "
                            + f.at("/evidence/password").asText())
                    .containsExactlyInAnyOrder("telnet admin ********", "http admin ********");
            assertThat(findings).filteredOn(f -> f.get("type").asText().equals("probe.open_service")).hasSize(2)
                    .anySatisfy(f -> {
                        assertThat(f.at("/evidence/status").asInt()).isEqualTo(401);
                        assertThat(f.at("/evidence/auth").asText()).startsWith("Basic realm=");
                    });
            for (JsonNode f : findings) {
                assertThat(f.at("/device/ip").asText()).isEqualTo("127.0.0.1");
                assertThat(f.at("/severity").asText()).isIn("info", "critical");
            }
            // admin/admin is the first pair: one telnet login; 12345 is the fifth: five Basic attempts, none after
            assertThat(telnet.logins.get()).isEqualTo(1);
            assertThat(camera.attempts.get()).isEqualTo(5);
            List<JsonNode> actions = lines(out.resolve("probe.jsonl"));
            assertThat(actions).filteredOn(a -> a.get("action").asText().equals("login")).hasSize(6)
                    .allSatisfy(a -> assertThat(a.get("password").asText()).matches("\\*{8}|\\(empty\\)"));
            assertThat(Files.readString(out.resolve("probe.jsonl"))).doesNotContain("12345");
            assertThat(r.out()).contains("probe.default_credentials");
        }
    }

    @Test
    void bannersOnlyWithNoLogin() throws Exception {
        try (FakeDevices.Listener telnet = FakeDevices.telnet("127.0.0.1")) {
            Path out = tmp.resolve("out");
            Cli r = Cli.run("probe", "-q", "--scope", "127.0.0.1", "--no-login", "--rate", "200", "--out", out.toString(),
                    "--services", "telnet:" + telnet.port(), "127.0.0.1");
            assertThat(r.exit()).isZero();
            assertThat(telnet.logins.get()).isZero();
            assertThat(lines(out.resolve("findings.jsonl"))).singleElement()
                    .satisfies(f -> assertThat(f.at("/evidence/banner").asText()).contains("IPCAM login:"));
        }
    }

    @Test
    void mosquittoWithAPasswordFile() throws Exception {
        assumeTrue(FakeDevices.Broker.available(), "skipped: mosquitto is not installed (apt-get install mosquitto)");
        Path dir = Files.createDirectories(tmp.resolve("broker"));
        try (FakeDevices.Broker broker = new FakeDevices.Broker(dir, "admin", "password", false)) {
            Path out = tmp.resolve("out");
            Cli r = Cli.run("probe", "-q", "--scope", "127.0.0.1/32", "--rate", "200", "--out", out.toString(),
                    "--services", "mqtt:" + broker.port, "--fail-on", "critical", "127.0.0.1");
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(lines(out.resolve("findings.jsonl")))
                    .anySatisfy(f -> {
                        assertThat(f.get("type").asText()).isEqualTo("probe.default_credentials");
                        assertThat(f.at("/evidence/user").asText()).isEqualTo("admin");
                        assertThat(f.at("/evidence/attempts").asInt()).isEqualTo(3);
                    })
                    .noneSatisfy(f -> assertThat(f.get("type").asText()).isEqualTo("probe.anonymous_access"));
        }
        Path dir2 = Files.createDirectories(tmp.resolve("open-broker"));
        try (FakeDevices.Broker open = new FakeDevices.Broker(dir2, "admin", "Xq9-unguessable", true)) {
            Path out = tmp.resolve("out2");
            Cli r = Cli.run("probe", "-q", "--scope", "127.0.0.1/32", "--rate", "200", "--out", out.toString(),
                    "--services", "mqtt:" + open.port, "127.0.0.1");
            assertThat(r.exit()).isZero();
            assertThat(lines(out.resolve("findings.jsonl"))).extracting(f -> f.get("type").asText())
                    .containsExactlyInAnyOrder("probe.anonymous_access", "probe.open_service");
        }
    }

    @Test
    void neverTouchesAnAddressOutsideTheScope() throws Exception {
        // the same kind of device on 127.0.0.2: in no scope below, so it must see no connection at all
        try (FakeDevices.Listener inside = FakeDevices.telnet("127.0.0.1");
                FakeDevices.Listener outside = FakeDevices.telnet("127.0.0.2")) {
            String services = "telnet:" + inside.port() + ",telnet:" + outside.port();
            // an explicit target outside the scope: refused before anything is sent
            Cli refused = Cli.run("probe", "--scope", "127.0.0.1/32", "--services", services, "--out",
                    tmp.resolve("a").toString(), "127.0.0.2");
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).contains("127.0.0.2 is outside --scope").contains("nothing was sent");
            // a block that straddles the scope: refused too
            assertThat(Cli.run("probe", "--scope", "127.0.0.1/32", "--services", services, "--out",
                    tmp.resolve("b").toString(), "127.0.0.0/30").exit()).isEqualTo(2);
            // an inventory that lists both: the outside one is skipped and logged
            Path inv = tmp.resolve("inventory.json");
            Files.writeString(inv, "[{\"id\":\"mac:02:00:00:00:00:01\",\"mac\":\"02:00:00:00:00:01\",\"ips\":[{\"ip\":\"127.0.0.1\"}]},"
                    + "{\"id\":\"mac:02:00:00:00:00:02\",\"mac\":\"02:00:00:00:00:02\",\"ips\":[{\"ip\":\"127.0.0.2\"}]}]");
            Path out = tmp.resolve("c");
            Cli r = Cli.run("probe", "-q", "--scope", "127.0.0.1/32", "--rate", "200", "--no-login", "--services", services,
                    "--inventory", inv.toString(), "--out", out.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(lines(out.resolve("probe.jsonl"))).anySatisfy(a -> {
                assertThat(a.get("target").asText()).isEqualTo("127.0.0.2");
                assertThat(a.get("action").asText()).isEqualTo("skip");
                assertThat(a.get("result").asText()).isEqualTo("out of scope");
            });
            assertThat(lines(out.resolve("findings.jsonl"))).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.at("/device/id").asText()).isEqualTo("mac:02:00:00:00:00:01"));
            // passive-only inside the scope: nothing sent either
            Cli passive = Cli.run("probe", "-q", "--scope", "127.0.0.0/30", "--passive-only", "127.0.0.1/32,127.0.0.2/32",
                    "--services", services, "--out", tmp.resolve("d").toString(), "127.0.0.1", "127.0.0.2");
            assertThat(passive.exit()).isZero();
            assertThat(inside.connections.get()).as("connections to 127.0.0.1").isEqualTo(1);
            assertThat(outside.connections.get()).as("connections to 127.0.0.2").isZero();
        }
    }

    @Test
    void refusesToRunWithoutAScopeOrWithOneTooWide() {
        Cli none = Cli.run("probe", "127.0.0.1");
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("--scope");
        Cli wide = Cli.run("probe", "--scope", "0.0.0.0/0");
        assertThat(wide.exit()).isEqualTo(2);
        assertThat(wide.err()).contains("larger than");
        Cli rate = Cli.run("probe", "--scope", "127.0.0.1/32", "--rate", "0", "--out", tmp.resolve("r").toString(),
                "127.0.0.1");
        assertThat(rate.exit()).isEqualTo(2);
    }
}
