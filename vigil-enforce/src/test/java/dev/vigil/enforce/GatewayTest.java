package dev.vigil.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.segmentation.CompiledPolicy;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyCompiler;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.Quarantine;
import dev.vigil.detect.segmentation.Simulator;
import dev.vigil.detect.segmentation.Subject;
import dev.vigil.enforce.nftables.NftablesTarget;
import dev.vigil.engine.net.Ip;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compiled policy on a real gateway: a namespace routing between a camera, a plug, a phone and
 * a camera turned bot on one side and servers and "the Internet" on the other. Real packets, one
 * new connection per flow, and the kernel's own counters ({@code nft -j}) compared with the
 * simulator's prediction for every element.
 */
class GatewayTest {

    static NetLab lab;
    static Path work;
    static final List<String> SCOPE = List.of("d1", "d2", "d3", "bot", "srv");

    @BeforeAll
    static void up() throws Exception {
        lab = new NetLab(Lab.DEVICES);
        work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "vigil-gw-");
    }

    @AfterAll
    static void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
        NetLab.remove(work);
    }

    static NftablesTarget target() {
        return new NftablesTarget(lab.ns("gw"), new EnforcementScope(List.of(lab.ns("gw")), SCOPE), work);
    }

    static long now() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    /** Sends the flows of each source namespace through a FlowSender started inside it. */
    static void send(Map<String, List<String>> bySource) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("java.class.path");
        for (Map.Entry<String, List<String>> e : bySource.entrySet()) {
            Path f = work.resolve("flows-" + e.getKey() + ".txt");
            Files.write(f, e.getValue(), StandardCharsets.UTF_8);
            lab.in(e.getKey(), java, "-cp", cp, FlowSender.class.getName(), f.toString());
        }
    }

    @Test
    void simulatorAndKernelCountersAgreeOnOverAThousandRealFlows() throws Exception {
        Policy policy = Lab.policy();
        long now = now();
        Quarantine bot = new Quarantine("mac:02:00:00:00:00:04", List.of(Ip.parse(NetLab.v4(4)), Ip.parse(NetLab.v6(4))),
                "test", "auto", now - 1_000_000_000L, now + 3_600_000_000_000L, 1);
        PolicyContext ctx = Lab.context(List.of(bot));
        CompiledPolicy cp = PolicyCompiler.compile(policy, ctx, now);
        NftablesTarget t = target();
        t.apply(cp, now);
        Simulator sim = new Simulator(policy, ctx);
        List<String> dsts = new ArrayList<>(List.of("10.77.200.2", "fd77:200::2"));
        for (int k = 10; k < 20; k++) {
            dsts.addAll(List.of("10.77.200." + k, "203.0.113." + k, "fd77:203::" + k));
        }
        for (int i = 1; i <= 4; i++) {
            dsts.addAll(List.of(NetLab.v4(i), NetLab.v6(i)));
        }
        int[] ports = {53, 67, 80, 443, 554, 8883, 23, 8080, 8443, 10050, 10100, 10101, 22};
        Random rnd = new Random(13);
        Map<String, List<String>> bySource = new TreeMap<>();
        Map<String, Long> predicted = new TreeMap<>();
        Set<String> icmpPairs = new HashSet<>();
        int flows = 0;
        // the quarantined bot may still ask the resolver
        for (String f : List.of("udp 10.77.200.2 53", "tcp 10.77.200.2 53", "udp fd77:200::2 53")) {
            String[] x = f.split(" ");
            predicted.merge(sim.judge(Ip.parse(x[1].contains(":") ? NetLab.v6(4) : NetLab.v4(4)), null, Ip.parse(x[1]),
                    x[0].equals("tcp") ? 6 : 17, 53, now).element(), 1L, Long::sum);
            bySource.computeIfAbsent("bot", k -> new ArrayList<>()).add(f);
            flows++;
        }
        while (flows < 1200) {
            int s = 1 + rnd.nextInt(4);
            String src = rnd.nextBoolean() ? NetLab.v4(s) : NetLab.v6(s);
            String dst = dsts.get(rnd.nextInt(dsts.size()));
            if (Ip.parse(dst).isV4() != Ip.parse(src).isV4() || dst.equals(src)) {
                continue;
            }
            int r = rnd.nextInt(20);
            String proto = r < 9 ? "tcp" : r < 18 ? "udp" : "icmp";
            int port = proto.equals("icmp") ? 0 : rnd.nextBoolean() ? ports[rnd.nextInt(ports.length)] : 1 + rnd.nextInt(65_535);
            // an echo to the same address reuses its conntrack entry: one per pair
            if (proto.equals("icmp") && !icmpPairs.add(src + ">" + dst)) {
                continue;
            }
            int p = proto.equals("tcp") ? 6 : proto.equals("udp") ? 17 : Ip.parse(dst).isV4() ? 1 : 58;
            String key = sim.judge(Ip.parse(src), null, Ip.parse(dst), p, port, now).element();
            predicted.merge(key, 1L, Long::sum);
            bySource.computeIfAbsent(Lab.DEVICES.get(s - 1), k -> new ArrayList<>()).add(proto + " " + dst + " " + port);
            flows++;
        }
        send(bySource);
        Thread.sleep(500);
        KernelCounters k = t.counters();
        Set<String> keys = new TreeSet<>(predicted.keySet());
        k.byKey().forEach((key, c) -> {
            if (c.packets() > 0) {
                keys.add(key);
            }
        });
        long mismatches = 0;
        StringBuilder table = new StringBuilder("element\tpredicted\tkernel\n");
        for (String key : keys) {
            long want = predicted.getOrDefault(key, 0L);
            long got = k.packets(key);
            mismatches += Math.abs(want - got);
            table.append(key).append('\t').append(want).append('\t').append(got).append('\n');
        }
        String report = flows + " flows, " + keys.size() + " elements and defaults, " + mismatches + " mismatches\n" + table;
        Files.writeString(Path.of("target/simulator-vs-kernel.txt"), report);
        System.out.println("simulator vs kernel: " + flows + " flows, " + mismatches + " mismatches");
        assertThat(mismatches).as(report).isZero();
        assertThat(predicted.keySet()).contains("quarantine#dns", "quarantine#blocked", "quarantine#destination");
    }

    @Test
    void theScanningBotIsDetectedQuarantinedCutOffWhileOthersCarryOnAndReleaseRestores() throws Exception {
        Policy policy = Lab.policy();
        NftablesTarget t = target();
        t.apply(PolicyCompiler.compile(policy, Lab.context(List.of()), now()), now());
        String other = "table ip owner {\n\tset blocked {\n\t\ttype ipv4_addr\n\t\telements = { 192.0.2.1 }\n\t}\n\n"
                + "\tchain c {\n\t\ttype filter hook forward priority -10; policy accept;\n\t\tip daddr @blocked drop\n\t}\n}\n";
        Path otherFile = work.resolve("owner.nft");
        Files.writeString(otherFile, other);
        lab.in("gw", "nft", "-f", otherFile.toString());
        String otherBefore = t.list("ip", "owner");
        // the bot: a Mirai-style telnet sweep, then it keeps calling its server every 5 ms
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
        Path srvLog = work.resolve("srv.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("java.class.path");
        Process seen = lab.start("srv", srvLog, "tcpdump", "--immediate-mode", "-i", "eth0", "-n", "-tt", "-l", "tcp[tcpflags] & tcp-syn != 0");
        Wire detection = new Wire(lab, "gw", "bot", work.resolve("bot-side.pcap"));
        Process cam = lab.start("d1", null, java, "-cp", cp, FlowSender.class.getName(), work.resolve("cam.txt").toString(),
                "--every", "20");
        lab.in("bot", java, "-cp", cp, FlowSender.class.getName(), work.resolve("sweep.txt").toString());
        Process botProc = lab.start("bot", null, java, "-cp", cp, FlowSender.class.getName(),
                work.resolve("call.txt").toString(), "--every", "5");
        // until the server sees the bot's calls and the camera's
        for (int i = 0; i < 300 && (NetLab.synTimes(srvLog, NetLab.v4(4)).size() < 20 || NetLab.synTimes(srvLog, NetLab.v4(1)).isEmpty()); i++) {
            Thread.sleep(50);
        }
        // Vigil's own detection on the bot's traffic: the sweep is a finding, and trust falls
        Wire.Result r = detection.stop();
        assertThat(r.analysis().findings()).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo("attack.telnet_scan");
            assertThat(f.device().ip()).isEqualTo(NetLab.v4(4));
        });
        Map<String, dev.vigil.detect.trust.TrustScorer.Trust> trust = new java.util.HashMap<>();
        r.analysis().assessment().devices().forEach((id, a) -> trust.put(id, a.trust()));
        Subject botSubject = Lab.subjects().get(3);
        String botId = r.analysis().devices().stream().filter(d -> d.ips().stream().anyMatch(a -> a.ip().equals(NetLab.v4(4))))
                .findFirst().orElseThrow().id();
        Containment c = new Containment(t, new dev.vigil.detect.segmentation.QuarantineLedger(
                dev.vigil.detect.segmentation.QuarantineLedger.Settings.DEFAULT, List.of()));
        Wire verification = new Wire(lab, "gw", "bot", work.resolve("bot-verify.pcap"));
        long ordered = now();
        List<Containment.Order> orders = c.fromTrust(trust, Map.of(botId, botSubject), ordered);
        assertThat(orders).as("the quarantined tier orders a quarantine").singleElement();
        Containment.Order order = orders.get(0);
        assertThat(order.quarantine().reason()).contains("attack.telnet_scan");
        Thread.sleep(Containment.DEADLINE_NANOS / 1_000_000 + 300);
        Wire.Result after = verification.stop();
        var outcome = c.verify(order, policy, Lab.context(List.of()), botSubject, after.observations().flows(),
                dev.vigil.detect.segmentation.EnforcementCheck.Vantage.DEVICE_SIDE);
        List<Long> botSyns = NetLab.synTimes(srvLog, NetLab.v4(4));
        List<Long> camSyns = NetLab.synTimes(srvLog, NetLab.v4(1));
        long orderedMs = ordered / 1_000_000;
        long lastBot = botSyns.stream().filter(x -> x >= orderedMs).mapToLong(Long::longValue).max().orElse(orderedMs);
        long cutoffMs = lastBot - orderedMs;
        String line = String.format("quarantine: order to last packet seen beyond the gateway %d ms (apply %d ms); "
                + "check: %s (%s)", cutoffMs, order.applied().nanos() / 1_000_000, outcome.status(), outcome.why());
        System.out.println(line);
        Files.writeString(Path.of("target/quarantine-cutoff.txt"), line + "\n");
        assertThat(botSyns.stream().filter(x -> x > order.deadline() / 1_000_000)).as("bot packets past the deadline")
                .isEmpty();
        assertThat(camSyns.stream().filter(x -> x > order.deadline() / 1_000_000)).as("the camera next to it carries on")
                .isNotEmpty();
        assertThat(outcome.status()).isEqualTo("enforced");
        // release restores its reach
        long released = now();
        assertThat(c.release(order.quarantine().device(), "re-flashed by its owner", "alice", released)).isNotNull();
        Thread.sleep(600);
        assertThat(NetLab.synTimes(srvLog, NetLab.v4(4)).stream().filter(x -> x > released / 1_000_000 + 100)).as("after release")
                .isNotEmpty();
        // a rule broken on purpose: quarantine again, then remove the jumps that apply it
        Wire broken = new Wire(lab, "gw", "bot", work.resolve("bot-broken.pcap"));
        Containment.Order again = c.quarantine(botSubject, "manual", "alice", now());
        assertThat(again.quarantine().offence()).isEqualTo(2);
        String rules = lab.in("gw", "nft", "-a", "list", "chain", "inet", "vigil", "forward");
        for (String l : rules.lines().toList()) {
            if (l.contains("addr @quarantine") && l.contains("# handle ")) {
                lab.in("gw", "nft", "delete", "rule", "inet", "vigil", "forward", "handle", l.substring(l.indexOf("# handle ") + 9).trim());
            }
        }
        Thread.sleep(Containment.DEADLINE_NANOS / 1_000_000 + 300);
        var failed = c.verify(again, policy, Lab.context(List.of()), botSubject, broken.stop().observations().flows(),
                dev.vigil.detect.segmentation.EnforcementCheck.Vantage.DEVICE_SIDE);
        assertThat(failed.failed()).as(failed.why()).isTrue();
        assertThat(failed.finding().type()).isEqualTo("enforcement.failed");
        NetLab.stop(botProc);
        NetLab.stop(cam);
        NetLab.stop(seen);
        assertThat(t.list("ip", "owner")).as("another owner's table, byte for byte").isEqualTo(otherBefore);
    }
}
