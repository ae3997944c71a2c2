package dev.vigil.detect.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The decision function, the simulator (compiled regions, timed rules judged live) and the
 * elements an enforcement point renders (compiled for the flow's moment) agree on 100,000 random
 * flows over random policies: every kind of
 * side, services with and without ports, exceptions before and after expiry, DNS bindings before,
 * during and after their TTL, zone defaults, quarantine.
 */
class DecisionAgreementTest {

    static final int POLICIES = 20;
    static final int FLOWS_PER_POLICY = 5_000;

    static final List<String> SIDES = List.of("cameras", "blink", "plugs", "phones", "nvr", "finance", "lan", "tvs",
            "notcams", "any", "local-networks", "controller:dns", "controller:ntp", "net:10.20.0.0/16",
            "net:192.168.1.0/28,fd00::/64", "name:*.immedia-semi.com", "name:pool.ntp.org", "name:evil.example",
            "name:cloud.tplink.com", "same-manufacturer", "manufacturer:tp-link");
    static final List<String> SERVICES = List.of("tcp/443", "tcp/554", "udp/53", "tcp/53", "udp/123", "tcp/80,8080",
            "tcp/8000-8100", "udp/5353", "icmp", "icmpv6", "any", "udp/1024-65535", "tcp/1-1023", "47");

    static String policy(Random rnd) {
        StringBuilder s = new StringBuilder("""
                policy random
                controller dns 192.168.1.1
                controller ntp 192.168.1.1,162.159.200.1
                quarantine resolver 192.168.1.1 notice 192.168.1.2
                zone cameras type=camera
                zone blink vendor=blink tier!=quarantined
                zone plugs type=plug
                zone phones type=phone
                zone nvr device=mac:00:11:22:33:44:55
                zone finance subnet=10.20.0.0/16
                zone lan subnet=192.168.1.0/24 type!=printer
                zone tvs type=tv
                zone notcams type!=camera
                """);
        s.append(rnd.nextBoolean() ? "default deny\n" : "default allow\n");
        if (rnd.nextBoolean()) {
            s.append("default allow zone phones\n");
        }
        if (rnd.nextBoolean()) {
            s.append("default deny zone finance\n");
        }
        s.append("exception cast: phones -> tvs template mdns owner alice expires ")
                .append(java.time.Instant.ofEpochSecond(Fixtures.T0 / Fixtures.SECOND + 200)).append('\n');
        int n = 3 + rnd.nextInt(14);
        for (int i = 0; i < n; i++) {
            String from = SIDES.get(rnd.nextInt(SIDES.size()));
            String to = SIDES.get(rnd.nextInt(SIDES.size()));
            if (from.equals("same-manufacturer") && to.equals("same-manufacturer")) {
                to = "any";
            }
            s.append(rnd.nextInt(3) == 0 ? "deny" : "allow").append(" r").append(i).append(": ").append(from).append(" -> ")
                    .append(to).append(' ').append(SERVICES.get(rnd.nextInt(SERVICES.size())));
            if (rnd.nextBoolean()) {
                s.append(' ').append(SERVICES.get(rnd.nextInt(SERVICES.size())));
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** The moments the timed parts of a policy change: between two, one compilation holds. */
    static long[] changes(Policy p, PolicyContext ctx) {
        java.util.TreeSet<Long> t = new java.util.TreeSet<>();
        for (long c : ctx.dns().changes()) {
            t.add(c);
        }
        for (Rule r : p.rules()) {
            if (r.exemption() != null) {
                t.add(Rule.nanos(r.exemption().expires()));
            }
        }
        for (Quarantine q : ctx.quarantines()) {
            t.add(q.from());
            t.add(q.until());
        }
        return t.stream().mapToLong(Long::longValue).toArray();
    }

    static long slot(long[] changes, long at) {
        int i = java.util.Arrays.binarySearch(changes, at);
        return i >= 0 ? i + 1 : -i - 1;
    }

    @Test
    void simulatorAndDecisionFunctionAgreeOnRandomFlows() throws Exception {
        Random rnd = new Random(8520);
        long checked = 0;
        List<String> mismatches = new ArrayList<>();
        List<Quarantine> q = List.of(new Quarantine("mac:00:00:00:00:00:0b", List.of(Ip.parse("192.168.1.99")), "test",
                "auto", Fixtures.T0, Fixtures.T0 + 150 * Fixtures.SECOND, 1));
        PolicyContext ctx = PolicyContext.of(Fixtures.estate(), Fixtures.dns(), q);
        List<Ip> pool = Fixtures.pool(rnd);
        int[] ports = {443, 554, 53, 123, 80, 8080, 8050, 5353, 1900, 22, 67, 0, 65535, 1023, 1024};
        int[] protos = {6, 17, 1, 58, 47, 6, 17};
        for (int p = 0; p < POLICIES; p++) {
            String text = policy(rnd);
            Policy policy = PolicyParser.parse("random-" + p, text);
            Decider decider = new Decider(policy, ctx);
            Simulator sim = new Simulator(policy, ctx);
            java.util.TreeMap<Long, CompiledPolicy> rendered = new java.util.TreeMap<>();
            for (int i = 0; i < FLOWS_PER_POLICY; i++) {
                Ip src = pool.get(rnd.nextInt(pool.size()));
                Ip dst = pool.get(rnd.nextInt(pool.size()));
                while (src.isV4() != dst.isV4()) {
                    dst = pool.get(rnd.nextInt(pool.size()));
                }
                int proto = protos[rnd.nextInt(protos.length)];
                int port = rnd.nextBoolean() ? ports[rnd.nextInt(ports.length)] : rnd.nextInt(65_536);
                long at = Fixtures.T0 + rnd.nextInt(1000) * Fixtures.SECOND - 10 * Fixtures.SECOND;
                Decision d = decider.decide(src, dst, proto, port, at);
                Simulator.Judged j = sim.judge(src, null, dst, proto, port, at);
                // the elements an enforcement point renders, compiled for the moment of the flow
                long slot = slot(changes(policy, ctx), at);
                CompiledPolicy cp = rendered.computeIfAbsent(slot, k -> PolicyCompiler.compile(policy, ctx, at));
                CompiledPolicy.Outcome e = cp.evaluate(src, dst, proto, port, at);
                checked++;
                if (d.allowed() != e.allowed() || !d.reason().equals(e.reason())) {
                    mismatches.add("policy " + p + " (rendered elements): " + src + " -> " + dst + " " + proto + "/" + port
                            + ": decide " + d.reason() + ", elements " + e.reason() + "\n" + text);
                }
                if (d.allowed() != j.outcome().allowed() || !d.reason().equals(j.outcome().reason())) {
                    if (mismatches.size() < 10) {
                        mismatches.add("policy " + p + ": " + src + " -> " + dst + " " + proto + "/" + port + " at +"
                                + (at - Fixtures.T0) / Fixtures.SECOND + "s: decide " + d.verdict() + " (" + d.reason()
                                + "), simulator " + (j.outcome().allowed() ? "allow" : "deny") + " (" + j.outcome().reason()
                                + ")\n" + text);
                    }
                }
            }
        }
        assertThat(mismatches).as("disagreements").isEmpty();
        assertThat(checked).isEqualTo(100_000);
    }
}
