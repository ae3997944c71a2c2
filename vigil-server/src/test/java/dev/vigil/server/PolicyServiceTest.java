package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.detect.segmentation.Decider;
import dev.vigil.detect.segmentation.Decision;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segmentation inside the service, on a real lab capture of an infected device (IRC command and
 * control, a bot download, a flood): the policy in force judges every window (its traffic outside the
 * policy is a policy.violation finding that lowers trust), the quarantined tier queues the device for
 * a person's approval where the policy asks for it, drafts are simulated against the stored flows
 * with their difference to the policy in force, the decision point answers and logs, and every step is
 * in the audit log.
 */
class PolicyServiceTest {

    static final String BOT = "mac:02:00:5e:77:00:10";

    static final String POLICY = """
            policy lab
            default deny
            controller dns 192.168.77.1
            quarantine resolver 192.168.77.1
            quarantine approval all
            zone gateway device=mac:02:00:5e:77:00:01
            zone iot subnet=192.168.77.0/24
            allow dns: any -> controller:dns udp/53 tcp/53
            allow web: iot -> any tcp/80,443
            """;

    @TempDir
    Path tmp;

    private TestServer start(String policy) throws Exception {
        Path file = tmp.resolve("lab.policy");
        Files.writeString(file, policy);
        return TestServer.start(TestServer.config(tmp.resolve("data"), List.of(TestData.capture("vigil-netns-botnet.pcap")))
                .withEnforcement(new ServerConfig.Enforcement(file, null, List.of(), List.of(), null))).settle();
    }

    @Test
    void thePolicyInForceJudgesTheTrafficAndTheQuarantineWaitsForApproval() throws Exception {
        try (TestServer ts = start(POLICY)) {
            TestServer.Client admin = ts.admin();
            JsonNode overview = admin.get("/api/policy").json();
            String revision = overview.get("in_force").get("revision").asText();
            assertThat(overview.get("in_force").get("state").asText()).isEqualTo("approved");
            assertThat(overview.get("in_force").get("approved_by").asText()).startsWith("serve:");
            assertThat(overview.get("quarantine_approval").toString()).contains("all");
            // zone membership by classification is kept for the next start
            assertThat(ts.server.stores().settings().get("policy.membership")).contains(BOT);

            // traffic outside the policy: policy.violation findings naming the entry that would allow it
            JsonNode violations = admin.get("/api/findings?type=policy.violation&limit=100").json().get("items");
            assertThat(violations).isNotEmpty();
            List<String> missing = new ArrayList<>();
            violations.forEach(v -> missing.add(v.get("finding").get("evidence").get("missing_entry").asText()));
            assertThat(missing).anySatisfy(m -> assertThat(m).contains("tcp/6667"));
            assertThat(violations.get(0).get("finding").get("device").get("id").asText()).isEqualTo(BOT);

            // the bot reached the quarantined tier: with approval asked for, it waits in the queue
            JsonNode queue = admin.get("/api/quarantine?state=pending").json().get("items");
            assertThat(queue).as(admin.get("/api/quarantine").text()).singleElement()
                    .satisfies(q -> assertThat(q.get("device").asText()).isEqualTo(BOT));
            long id = queue.get(0).get("id").asLong();
            assertThat(queue.get(0).get("reason").asText()).startsWith("trust ");
            JsonNode approved = admin.post("/api/quarantine/" + id + "/approve", Map.of()).json();
            assertThat(approved.get("state").asText()).isEqualTo("active");
            assertThat(approved.get("outcome").asText()).contains("no enforcement point");
            assertThat(approved.get("offence").asInt()).isEqualTo(1);
            assertThat(admin.post("/api/quarantine/" + id + "/approve", Map.of()).status()).isEqualTo(409);

            // the decision point sees the quarantine: the bot may reach only DHCP and DNS now
            JsonNode web = admin.post("/api/policy/decide", Map.of("src", "192.168.77.10", "dst", "203.0.113.50", "proto", "tcp",
                    "port", 80)).json();
            assertThat(web.get("decision").asText()).isEqualTo("deny");
            assertThat(web.get("reason").asText()).contains("quarantine");
            assertThat(web.get("revision").asText()).isEqualTo(revision);
            JsonNode dns = admin.post("/api/policy/decide", Map.of("src", "192.168.77.10", "dst", "192.168.77.1", "proto", "udp",
                    "port", 53)).json();
            assertThat(dns.get("decision").asText()).isEqualTo("allow");
            assertThat(dns.get("trace")).isNotEmpty();
            JsonNode log = admin.get("/api/policy/decisions").json().get("items");
            assertThat(log).hasSize(2);
            assertThat(log.get(0).get("id").asLong()).isEqualTo(dns.get("decision_id").asLong());
            assertThat(log.get(0).get("verdict").asText()).isEqualTo("allow");
            assertThat(log.get(1).get("caller").asText()).isEqualTo("admin");

            // release: a reason, a person, and the device's reach is back
            assertThat(admin.post("/api/quarantine/" + id + "/release", Map.of()).status()).isEqualTo(400);
            JsonNode released = admin.post("/api/quarantine/" + id + "/release", Map.of("reason", "re-flashed")).json();
            assertThat(released.get("state").asText()).isEqualTo("released");
            assertThat(admin.post("/api/policy/decide", Map.of("src", "192.168.77.10", "dst", "203.0.113.50", "proto", "tcp",
                    "port", 80)).json().get("decision").asText()).isEqualTo("allow");
            // a second quarantine holds longer (catch-and-release)
            JsonNode again = admin.post("/api/quarantine", Map.of("device", "192.168.77.10", "reason", "seen again")).json();
            assertThat(again.get("state").asText()).isEqualTo("active");
            assertThat(again.get("offence").asInt()).isEqualTo(2);

            String audit = admin.get("/api/audit?limit=200").text();
            for (String action : List.of("policy.draft", "policy.approve", "quarantine.request", "quarantine.approve",
                    "quarantine.block", "quarantine.release")) {
                assertThat(audit).as(action).contains(action);
            }
        }
    }

    @Test
    void aDraftIsSimulatedAgainstTheStoredFlowsBeforeAnyoneApprovesIt() throws Exception {
        try (TestServer ts = start(POLICY)) {
            TestServer.Client admin = ts.admin();
            // a bad file: one line naming the file, the line and the problem; nothing kept
            TestServer.Answer bad = admin.post("/api/policy/revisions", Map.of("file", "next.policy", "text",
                    "policy next\nzone iot subnet=192.168.77.0/24\nallow x: iot -> camras tcp/1\n"));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().get("error").asText()).startsWith("next.policy:3: ").contains("camras");
            assertThat(admin.get("/api/policy").json().get("revisions")).hasSize(1);

            String draft = POLICY.replace("policy lab", "policy lab2") + "allow irc: iot -> any tcp/6667\n";
            TestServer.Answer kept = admin.raw("POST", "/api/policy/revisions", draft, "text/plain");
            assertThat(kept.status()).as(kept.text()).isEqualTo(201);
            String rev = kept.json().get("revision").asText();
            assertThat(admin.raw("POST", "/api/policy/revisions", draft, "text/plain").status()).isEqualTo(200);
            assertThat(admin.get("/api/policy/revisions/" + rev).json().get("state").asText()).isEqualTo("draft");

            JsonNode sim = admin.post("/api/policy/revisions/" + rev + "/simulate", Map.of()).json();
            assertThat(sim.get("against").asText()).isEqualTo(admin.get("/api/policy").json().get("in_force").get("revision").asText());
            assertThat(sim.get("newly_allowed").asLong()).isPositive();
            assertThat(sim.get("newly_denied").asLong()).isZero();
            assertThat(sim.get("changes").get(0).get("service").asText()).isEqualTo("tcp/6667");
            assertThat(sim.get("changes").get(0).get("after").asText()).startsWith("allow: rule irc");
            JsonNode s = sim.get("simulation");
            assertThat(s.get("flows").asLong()).isEqualTo(s.get("allowed").asLong() + s.get("denied").asLong());
            assertThat(s.get("rules").findValuesAsText("name")).contains("irc", "web", "dns");
            // the zone matrix of real flows: every flow in one cell
            JsonNode matrix = sim.get("matrix");
            long cells = 0;
            for (JsonNode c : matrix.get("cells")) {
                cells += c.get("flows").asLong();
                assertThat(c.get("allowed").asLong() + c.get("denied").asLong()).isEqualTo(c.get("flows").asLong());
            }
            assertThat(cells).isEqualTo(s.get("flows").asLong()).isPositive();
            assertThat(matrix.get("zones").toString()).contains("iot", "(outside)");
            assertThat(admin.get("/api/policy/matrix").json().get("flows").asLong()).isEqualTo(cells);

            // least privilege learned from the stored flows: a draft whose replay of them denies nothing
            TestServer.Answer learn = admin.post("/api/policy/learn", Map.of());
            assertThat(learn.status()).as(learn.text()).isEqualTo(201);
            assertThat(learn.json().get("mud").get(BOT).get("ietf-mud:mud").get("mud-url").asText()).startsWith("https://");
            assertThat(learn.json().get("flows").asLong()).isEqualTo(s.get("flows").asLong());
            JsonNode replay = admin.post("/api/policy/revisions/" + learn.json().get("revision").asText() + "/simulate", Map.of())
                    .json().get("simulation");
            assertThat(replay.get("flows").asLong()).isEqualTo(s.get("flows").asLong());
            assertThat(replay.get("denied").asLong()).as(replay.get("devices").toString()).isZero();

            // a period before any stored flow holds nothing to learn from
            TestServer.Answer none = admin.post("/api/policy/learn", Map.of("until", "2001-01-01T00:00:00Z"));
            assertThat(none.status()).isEqualTo(409);
            assertThat(none.json().get("error").asText()).contains("until 2001-01-01");

            // approving needs a person who re-authenticated: an API token cannot
            TestServer.Answer refused = ts.token(ts.newToken(admin, "ci", "admin")).post("/api/policy/revisions/" + rev
                    + "/approve", Map.of());
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("code").asText()).isEqualTo("reauth_required");
            ts.stepUp(admin);
            JsonNode ok = admin.post("/api/policy/revisions/" + rev + "/approve", Map.of()).json();
            assertThat(ok.get("state").asText()).isEqualTo("approved");
            JsonNode overview = admin.get("/api/policy").json();
            assertThat(overview.get("in_force").get("revision").asText()).isEqualTo(rev);
            assertThat(overview.get("revisions").findValuesAsText("state")).containsExactlyInAnyOrder("approved", "retired", "draft");

            // the decision point agrees with the decision function on random tuples
            Decider reference = new Decider(ts.server.segmentation().inForce(), ts.server.segmentation().context());
            Random r = new Random(7);
            String[] hosts = {"192.168.77.10", "192.168.77.1", "192.168.77.99", "203.0.113.50", "198.51.100.7", "10.1.2.3"};
            String[] protos = {"tcp", "udp", "icmp"};
            int[] ports = {0, 22, 53, 80, 443, 6667, 8080};
            for (int i = 0; i < 40; i++) {
                String src = hosts[r.nextInt(hosts.length)];
                String dst = hosts[r.nextInt(hosts.length)];
                String proto = protos[r.nextInt(protos.length)];
                int port = ports[r.nextInt(ports.length)];
                JsonNode a = admin.post("/api/policy/decide", Map.of("src", src, "dst", dst, "proto", proto, "port", port,
                        "at", "2026-06-01T00:00:00Z")).json();
                Decision d = reference.decide(Ip.parse(src), Ip.parse(dst), proto.equals("tcp") ? 6 : proto.equals("udp") ? 17 : 1,
                        port, java.time.Instant.parse("2026-06-01T00:00:00Z").toEpochMilli() * 1_000_000L);
                assertThat(a.get("decision").asText()).as(src + " -> " + dst + " " + proto + "/" + port).isEqualTo(d.verdict());
                assertThat(a.get("reason").asText()).isEqualTo(d.reason());
            }
            assertThat(admin.post("/api/policy/decide", Map.of("src", "nowhere", "dst", "10.0.0.1")).status()).isEqualTo(400);
            assertThat(admin.post("/api/policy/decide", Map.of("src", "10.0.0.2", "dst", "10.0.0.1", "proto", "ipx")).status())
                    .isEqualTo(400);
        }
    }
}
