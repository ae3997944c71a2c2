package dev.vigil.server.policy;

import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.Service;
import dev.vigil.detect.segmentation.Simulation;
import dev.vigil.detect.segmentation.Simulator;
import dev.vigil.detect.segmentation.Subject;
import dev.vigil.detect.segmentation.Zone;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.net.Ip;
import dev.vigil.store.policy.PolicyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A policy replayed over the flows the service stored, before anyone approves it: what it would
 * allow and deny per rule and per device, the {@code policy.violation} findings it would raise, what
 * changes against the policy in force (flows newly denied, newly allowed), and the zone matrix of real
 * flows.
 */
public final class StoreSimulation {

    /** Stored flow rows replayed at most (the most recent first). */
    public static final int MAX_ROWS = 200_000;

    /** Changes and violations listed at most. */
    public static final int MAX_LISTED = 500;

    /** Zone of an endpoint in no zone: a local address, or one outside the local networks. */
    public static final String UNZONED = "(unzoned)";
    public static final String OUTSIDE = "(outside)";

    /**
     * One conversation whose verdict the candidate changes.
     *
     * @param before what the policy in force decides ("allow: rule dns")
     * @param after what the candidate decides
     */
    public record Change(String src, String dst, String service, long flows, String lastSeen, String before, String after) {
    }

    /** One cell of the zone matrix: flows from a zone to a zone, and what the policy does with them. */
    public record Cell(String from, String to, long conversations, long flows, long allowed, long denied) {
    }

    /** The zone matrix: the zones in order (those of the policy, then unzoned and outside) and its cells. */
    public record Matrix(String policy, String revision, List<String> zones, List<Cell> cells, long flows) {
    }

    /**
     * @param simulation the candidate over the stored flows (each counted with its flows)
     * @param against the revision in force it is compared with, or null
     * @param newlyDenied flows the policy in force allows and the candidate would deny
     * @param newlyAllowed flows the policy in force denies and the candidate would allow
     * @param changes the conversations whose verdict changes, the most flows first
     */
    public record Result(Simulation simulation, String against, long newlyDenied, long newlyAllowed, List<Change> changes,
            Matrix matrix, long conversations, String since) {
    }

    private StoreSimulation() {
    }

    /**
     * @param sinceMillis the oldest flows to replay (epoch ms, packet time)
     */
    public static Result run(Segmentation seg, PolicyStore store, Policy candidate, long sinceMillis) {
        StoredFlows sf = StoredFlows.of(store.flows(sinceMillis, MAX_ROWS));
        PolicyContext ctx = seg.contextFor(candidate);
        Simulator sim = new Simulator(candidate, ctx);
        Simulation s = sim.run(sf.flows(), sf.weights(), Segmentation.UNUSED_DAYS, 0);
        Policy inForce = seg.inForce();
        long denied = 0;
        long allowed = 0;
        List<Change> changes = new ArrayList<>();
        List<Simulator.Judged> now = judged(sim, sf);
        if (inForce != null && !inForce.revision().equals(candidate.revision())) {
            List<Simulator.Judged> before = judged(new Simulator(inForce, seg.contextFor(inForce)), sf);
            for (int i = 0; i < sf.flows().size(); i++) {
                boolean was = before.get(i).outcome().allowed();
                boolean will = now.get(i).outcome().allowed();
                if (was == will) {
                    continue;
                }
                long w = sf.weights()[i];
                if (was) {
                    denied += w;
                } else {
                    allowed += w;
                }
                changes.add(change(sf.flows().get(i), w, before.get(i), now.get(i)));
            }
            changes.sort(Comparator.comparingLong(Change::flows).reversed().thenComparing(Change::src));
        }
        return new Result(trimmed(s), inForce == null || inForce.revision().equals(candidate.revision()) ? null
                : inForce.revision(), denied, allowed, changes.subList(0, Math.min(MAX_LISTED, changes.size())),
                matrix(candidate, ctx, sf, now), sf.flows().size(), sinceMillis <= 0 ? null : EventJson.time(sinceMillis * 1_000_000L));
    }

    /** The zone matrix of the stored flows under a policy. */
    public static Matrix matrix(Segmentation seg, PolicyStore store, Policy p, long sinceMillis) {
        StoredFlows sf = StoredFlows.of(store.flows(sinceMillis, MAX_ROWS));
        PolicyContext ctx = seg.contextFor(p);
        return matrix(p, ctx, sf, judged(new Simulator(p, ctx), sf));
    }

    private static List<Simulator.Judged> judged(Simulator sim, StoredFlows sf) {
        List<Simulator.Judged> out = new ArrayList<>(sf.flows().size());
        for (FlowEnded f : sf.flows()) {
            var m = f.flow();
            out.add(sim.judge(m.clientIp(), m.clientMac() == null ? null : m.clientMac().toString(), m.serverIp(), m.ipProtocol(),
                    m.serverPort(), f.firstSeen()));
        }
        return out;
    }

    private static Matrix matrix(Policy p, PolicyContext ctx, StoredFlows sf, List<Simulator.Judged> judged) {
        Map<String, long[]> cells = new TreeMap<>();
        long total = 0;
        for (int i = 0; i < sf.flows().size(); i++) {
            var m = sf.flows().get(i).flow();
            String from = zone(p, ctx, m.clientIp());
            String to = zone(p, ctx, m.serverIp());
            long w = sf.weights()[i];
            long[] c = cells.computeIfAbsent(from + "\u0000" + to, k -> new long[4]);
            c[0]++;
            c[1] += w;
            c[judged.get(i).outcome().allowed() ? 2 : 3] += w;
            total += w;
        }
        List<String> zones = new ArrayList<>(p.zones().keySet());
        zones.add(UNZONED);
        zones.add(OUTSIDE);
        List<Cell> out = new ArrayList<>();
        cells.forEach((k, c) -> {
            String[] ft = k.split("\u0000", 2);
            out.add(new Cell(ft[0], ft[1], c[0], c[1], c[2], c[3]));
        });
        return new Matrix(p.name(), p.revision(), zones, out, total);
    }

    /** The first zone of the policy (in file order) an endpoint is in. */
    static String zone(Policy p, PolicyContext ctx, Ip ip) {
        Subject s = ctx.owner(ip);
        for (Zone z : p.zones().values()) {
            if (z.contains(s, ip)) {
                return z.name();
            }
        }
        return s != null || p.local(ip) ? UNZONED : OUTSIDE;
    }

    private static Change change(FlowEnded f, long w, Simulator.Judged before, Simulator.Judged after) {
        var m = f.flow();
        int port = Service.normalPort(m.ipProtocol(), m.serverPort());
        return new Change(m.clientIp().toString(), m.serverIp().toString(), new Service(m.ipProtocol(), m.ipProtocol(), port,
                port).toString(), w, EventJson.time(f.ts()), verdict(before), verdict(after));
    }

    private static String verdict(Simulator.Judged j) {
        return (j.outcome().allowed() ? "allow: " : "deny: ") + j.outcome().reason();
    }

    /** The simulation with at most {@link #MAX_LISTED} violations listed (their count stays in the totals). */
    private static Simulation trimmed(Simulation s) {
        if (s.violations().size() <= MAX_LISTED) {
            return s;
        }
        Map<String, Long> elements = new LinkedHashMap<>(s.elements());
        return new Simulation(s.policy(), s.revision(), s.flows(), s.allowed(), s.denied(), s.rules(), s.devices(),
                s.violations().subList(0, MAX_LISTED), s.removals(), elements);
    }
}
