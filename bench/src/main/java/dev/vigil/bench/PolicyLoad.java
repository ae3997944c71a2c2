package dev.vigil.bench;

import dev.vigil.detect.segmentation.CompiledPolicy;
import dev.vigil.detect.segmentation.DnsView;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyCompiler;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.PolicyParser;
import dev.vigil.detect.segmentation.Quarantine;
import dev.vigil.detect.segmentation.Subject;
import dev.vigil.enforce.Applied;
import dev.vigil.enforce.EnforcementScope;
import dev.vigil.enforce.nftables.NftRenderer;
import dev.vigil.enforce.nftables.NftablesTarget;
import dev.vigil.engine.net.Ip;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a policy of DEVICES devices × ENTRIES entries onto nftables in a network namespace and
 * times each step: compile, render, apply (nft -c then one nft -f transaction, read back), an
 * identical apply (a no-op), and one quarantine. Run by bench/policy.sh, which makes and removes
 * the namespace.
 *
 * <pre>java -cp benchmarks.jar dev.vigil.bench.PolicyLoad NETNS [DEVICES] [ENTRIES] [RUNS]</pre>
 */
public final class PolicyLoad {

    private PolicyLoad() {
    }

    public static void main(String[] a) throws Exception {
        String netns = a[0];
        int devices = a.length > 1 ? Integer.parseInt(a[1]) : 1000;
        int entries = a.length > 2 ? Integer.parseInt(a[2]) : 20;
        int runs = a.length > 3 ? Integer.parseInt(a[3]) : 5;
        List<Subject> subjects = new ArrayList<>();
        StringBuilder text = new StringBuilder("policy load\ndefault deny\nquarantine resolver 10.0.0.53\n");
        for (int i = 0; i < devices; i++) {
            String mac = String.format("02:10:00:00:%02x:%02x", i >> 8, i & 0xff);
            subjects.add(new Subject("mac:" + mac, mac, List.of(Ip.parse("10.100." + i / 250 + "." + (1 + i % 250))), "sensor",
                    null, null, List.of(), null, null, List.of(), "trusted", null));
            text.append("zone z").append(i).append(" device=mac:").append(mac).append('\n');
            for (int e = 0; e < entries; e++) {
                text.append("allow z").append(i).append("-e").append(e).append(": z").append(i).append(" -> net:198.18.")
                        .append(e).append('.').append(i % 250 + 1).append("/32 ").append(e % 2 == 0 ? "tcp/" : "udp/")
                        .append(1000 + e).append('\n');
            }
        }
        Policy policy = PolicyParser.parse("load.policy", text.toString());
        PolicyContext ctx = PolicyContext.of(subjects, DnsView.empty(), List.of());
        NftablesTarget t = new NftablesTarget(netns, new EnforcementScope(List.of(netns), List.of()),
                Path.of(System.getProperty("java.io.tmpdir")));
        System.out.printf("policy: %d devices x %d entries = %d rules%n", devices, entries, policy.rules().size());
        System.out.println("run\tcompile_ms\trender_ms\telements\tapply_ms\tidentical_apply_ms\tquarantine_ms");
        for (int r = 1; r <= runs; r++) {
            long now = System.currentTimeMillis() * 1_000_000L;
            long t0 = System.nanoTime();
            CompiledPolicy cp = PolicyCompiler.compile(policy, ctx, now);
            long t1 = System.nanoTime();
            NftRenderer.Rendered rendered = NftRenderer.render(cp, List.of(), now);
            long t2 = System.nanoTime();
            // a fresh table each run, so every run pays the whole load
            new ProcessBuilder("ip", "netns", "exec", netns, "nft", "flush", "ruleset").inheritIO().start().waitFor();
            Applied applied = t.apply(cp, now);
            Applied again = t.apply(cp, now);
            Quarantine q = new Quarantine(subjects.get(0).id(), subjects.get(0).addresses(), "bench", "bench", now,
                    now + 600_000_000_000L, 1);
            Applied held = t.quarantine(q, now);
            System.out.printf("%d\t%.0f\t%.0f\t%d\t%.0f\t%.0f\t%.0f%n", r, (t1 - t0) / 1e6, (t2 - t1) / 1e6, rendered.elements(),
                    applied.nanos() / 1e6, again.nanos() / 1e6, held.nanos() / 1e6);
            if (!applied.status().equals("applied") || !again.status().equals("unchanged")) {
                throw new IllegalStateException("unexpected: " + applied + " then " + again);
            }
        }
    }
}
