package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.enforce.FlowSender;
import dev.vigil.enforce.NetLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Quarantine inside {@code vigil serve}, on a real gateway: network namespaces the test makes (a
 * camera, a device that turns bot, a gateway routing them to servers and "the Internet"), the service
 * reading the bot's link live (tcpdump in the gateway, as a mirror port would give it) and enforcing
 * on the gateway's nftables. The bot sweeps telnet like Mirai and keeps calling its server; Vigil's
 * own detection lowers its trust to quarantined, the service quarantines it on its own, the time from
 * the tier change to its last packet beyond the gateway is measured, the camera beside it carries on,
 * the check after the deadline confirms the cut, a release restores it, and a quarantine whose rules
 * are broken on purpose is an enforcement.failed finding.
 */
class ServeQuarantineTest {

    static final String POLICY = """
            policy gateway
            default deny
            controller dns 10.77.200.2
            quarantine resolver 10.77.200.2 notice 10.77.200.10
            zone devices subnet=10.77.0.0/16,fd77::/16
            zone internet subnet=203.0.113.0/24,fd77:203::/64
            allow dns: devices -> controller:dns udp/53 tcp/53
            allow cloud: devices -> internet tcp/443
            """;

    NetLab lab;
    Path work;

    @BeforeEach
    void up() throws Exception {
        lab = new NetLab(List.of("d1", "bot"));
        work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "vigil-serve-q-");
    }

    @AfterEach
    void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
        NetLab.remove(work);
    }

    private static JsonNode until(TestServer.Client admin, String path, Predicate<JsonNode> ok, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        JsonNode last = null;
        while (System.currentTimeMillis() < end) {
            last = admin.get(path).json();
            if (ok.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("waited " + millis + " ms for " + path + "; last: " + last);
    }

    private static JsonNode row(JsonNode list, long id) {
        for (JsonNode r : list.get("items")) {
            if (r.get("id").asLong() == id) {
                return r;
            }
        }
        return null;
    }

    @Test
    void theServiceQuarantinesTheBotItDetectsWithinTwoSecondsAndChecksItHeld() throws Exception {
        Path policy = work.resolve("gateway.policy");
        Files.writeString(policy, POLICY);
        String gw = lab.ns("gw");
        List<String> sweep = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int k = 10; k < 30; k++) {
                sweep.add("tcp 203.0.113." + k + " 23");
                sweep.add("tcp 10.77.200." + k + " 23");
            }
        }
        Files.write(work.resolve("sweep.txt"), sweep);
        Files.write(work.resolve("call.txt"), List.of("tcp 203.0.113.10 443"));
        Files.write(work.resolve("cam.txt"), List.of("tcp 203.0.113.11 443"));
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("java.class.path");
        Path srvLog = work.resolve("srv.log");
        lab.start("srv", srvLog, "tcpdump", "--immediate-mode", "-i", "eth0", "-n", "-tt", "-l", "tcp[tcpflags] & tcp-syn != 0");
        // the bot's link as the sensor sees it: a pcap stream on the service's standard input
        Process mirror = lab.startPiped("gw", "tcpdump", "--immediate-mode", "-i", "bot", "-U", "-n", "-s", "256", "-w", "-");
        ServerConfig cfg = TestServer.config(work.resolve("data"), List.of()).withWindow(1, 1)
                .withInputs(true, List.of(), null, List.of(), List.of())
                .withEnforcement(new ServerConfig.Enforcement(policy, gw, List.of(gw), List.of(), null));
        try (TestServer ts = TestServer.start(cfg, mirror.getInputStream())) {
            TestServer.Client admin = ts.admin();
            assertThat(admin.get("/api/policy").json().get("enforcement").asText()).contains("nftables").contains("applied");
            Process cam = lab.start("d1", null, java, "-cp", cp, FlowSender.class.getName(), work.resolve("cam.txt").toString(),
                    "--every", "20");
            Thread.sleep(500);
            lab.in("bot", java, "-cp", cp, FlowSender.class.getName(), work.resolve("sweep.txt").toString());
            lab.start("bot", null, java, "-cp", cp, FlowSender.class.getName(), work.resolve("call.txt").toString(), "--every", "5");

            // Vigil's detection on the bot's traffic drops its trust; the service quarantines it by itself
            JsonNode active = until(admin, "/api/quarantine?state=active", j -> !j.get("items").isEmpty(), 60_000);
            JsonNode q = active.get("items").get(0);
            long id = q.get("id").asLong();
            assertThat(q.get("requested_by").asText()).isEqualTo("auto");
            assertThat(q.get("addresses").toString()).contains(NetLab.v4(2));
            assertThat(q.get("reason").asText()).startsWith("trust ");
            String device = q.get("device").asText();
            assertThat(admin.get("/api/findings?type=attack.telnet_scan").json().get("items").findValuesAsText("id"))
                    .isNotEmpty();
            long tierChangeMs = Instant.parse(q.get("requested").asText()).toEpochMilli();
            long deadlineMs = Instant.parse(q.get("from").asText()).toEpochMilli() + 2_000;

            // the check after the deadline: the counters rose and no denied flow got through
            JsonNode checked = until(admin, "/api/quarantine", j -> {
                JsonNode r = row(j, id);
                return r != null && r.get("outcome").asText().contains("check: ");
            }, 60_000);
            assertThat(row(checked, id).get("outcome").asText()).as(row(checked, id).toString()).contains("check: enforced");
            List<Long> bot = NetLab.synTimes(srvLog, NetLab.v4(2));
            long last = bot.stream().filter(t -> t >= tierChangeMs).mapToLong(Long::longValue).max().orElse(tierChangeMs);
            String line = String.format("serve quarantine: tier change to last bot packet beyond the gateway %d ms; %s",
                    last - tierChangeMs, row(checked, id).get("outcome").asText());
            System.out.println(line);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/serve-quarantine-cutoff.txt"), line + "\n");
            assertThat(last - tierChangeMs).as("from the tier change to the last bot packet beyond the gateway").isLessThanOrEqualTo(2_000);
            assertThat(bot.stream().filter(t -> t > deadlineMs)).as("bot packets past the deadline").isEmpty();
            assertThat(NetLab.synTimes(srvLog, NetLab.v4(1)).stream().filter(t -> t > deadlineMs)).as("the camera carries on").isNotEmpty();

            // release restores its reach
            long released = System.currentTimeMillis();
            JsonNode rel = admin.post("/api/quarantine/" + id + "/release", Map.of("reason", "re-flashed by its owner")).json();
            assertThat(rel.get("state").asText()).as(rel.toString()).isEqualTo("released");
            Thread.sleep(800);
            assertThat(NetLab.synTimes(srvLog, NetLab.v4(2)).stream().filter(t -> t > released + 100)).as("after release").isNotEmpty();

            // a rule broken on purpose: quarantined again by a person; once the gateway's table has taken the
            // quarantine in (the next window's apply), the jumps that enforce it are removed by hand
            JsonNode again = admin.post("/api/quarantine", Map.of("device", device, "reason", "manual")).json();
            assertThat(again.get("offence").asInt()).isEqualTo(2);
            long asked = Instant.parse(again.get("from").asText()).toEpochMilli();
            until(admin, "/api/audit?limit=100", j -> {
                for (JsonNode e : j.get("items")) {
                    if (e.get("action").asText().equals("policy.enforce") && e.get("ts").asLong() > asked) {
                        return true;
                    }
                }
                return false;
            }, 30_000);
            String rules = lab.in("gw", "nft", "-a", "list", "chain", "inet", "vigil", "forward");
            for (String l : rules.lines().toList()) {
                if (l.contains("addr @quarantine") && l.contains("# handle ")) {
                    lab.in("gw", "nft", "delete", "rule", "inet", "vigil", "forward", "handle",
                            l.substring(l.indexOf("# handle ") + 9).trim());
                }
            }
            long id2 = again.get("id").asLong();
            JsonNode failed = until(admin, "/api/quarantine", j -> {
                JsonNode r = row(j, id2);
                return r != null && r.get("outcome").asText().contains("check: ");
            }, 60_000);
            assertThat(row(failed, id2).get("outcome").asText()).contains("check: failed");
            until(admin, "/api/findings?type=enforcement.failed", j -> !j.get("items").isEmpty(), 30_000);
            assertThat(admin.get("/api/audit?limit=500").text()).contains("enforcement.failed", "quarantine.verified",
                    "quarantine.release");
            NetLab.stop(cam);
        } finally {
            NetLab.stop(mirror);
        }
    }
}
