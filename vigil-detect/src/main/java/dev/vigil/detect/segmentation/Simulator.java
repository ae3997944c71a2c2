package dev.vigil.detect.segmentation;

import dev.vigil.detect.findings.Finding;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays observed flows through a policy: each flow is judged at its own start time by the
 * compiled policy (the model of what an enforcement point does, timed rules judged at that moment,
 * see {@link CompiledPolicy#evaluateLive}), counted per
 * rule, per device and per compiled element, and a denied flow of a device becomes evidence of a
 * {@code policy.violation} naming the entry that would have allowed it.
 */
public final class Simulator {

    /** Samples kept per rule, per device and per violation. */
    public static final int MAX_SAMPLES = 5;
    /** Devices listed per rule. */
    public static final int MAX_LISTED = 50;

    private static final long DAY = 86_400_000_000_000L;

    private final Policy policy;
    private final PolicyContext context;
    private final Decider decider;
    private CompiledPolicy compiled;

    public Simulator(Policy policy, PolicyContext context) {
        this.policy = policy;
        this.context = context;
        this.decider = new Decider(policy, context);
    }

    /** The compiled policy the simulator judges with (its permanent regions do not depend on time). */
    public CompiledPolicy compiled(long at) {
        if (compiled == null) {
            compiled = PolicyCompiler.compile(policy, context, at);
        }
        return compiled;
    }

    /** One flow's judgement: the outcome and the key of the compiled element that decided it. */
    public record Judged(CompiledPolicy.Outcome outcome, String element) {
    }

    /** Judges one flow as an enforcement point compiled for its moment would. */
    public Judged judge(Ip src, String srcMac, Ip dst, int proto, int port, long at) {
        CompiledPolicy cp = compiled(at);
        if (src.isUnspecified() && srcMac != null && context.byMac(srcMac) != null) {
            // a device without an address yet (DHCP, IPv6 duplicate address detection): judged as its
            // address of the same family would be, or by the decision function when it has none
            Subject s = context.byMac(srcMac);
            Ip same = null;
            for (Ip a : s.addresses()) {
                if (a.isV4() == dst.isV4()) {
                    same = a;
                    break;
                }
            }
            if (same == null) {
                Decision d = decider.decide(src, srcMac, dst, proto, port, at, false);
                CompiledPolicy.Element e = d.rule() == null ? null : new CompiledPolicy.Element(null, d.allowed(), d.rule(),
                        d.reason(), CompiledPolicy.FOREVER, null, "by-mac:" + d.reason());
                return new Judged(new CompiledPolicy.Outcome(d.allowed(), e, d.reason(), null), "by-mac:" + d.reason());
            }
            src = same;
        }
        CompiledPolicy.Outcome o = cp.evaluateLive(src, dst, proto, port, at, decider);
        return new Judged(o, o.key());
    }

    /**
     * @param unusedDays entries no flow used in this many days before {@code now} are proposed for removal
     * @param now the end of the window (nanoseconds), or 0 for the end of the last flow
     */
    public Simulation run(List<FlowEnded> flows, long unusedDays, long now) {
        return run(flows, null, unusedDays, now);
    }

    /**
     * The same over flows that each stand for several (the service's stored flows, summed per
     * client, server, protocol and port).
     *
     * @param weights how many flows each one stands for (null: one each)
     */
    public Simulation run(List<FlowEnded> flows, long[] weights, long unusedDays, long now) {
        Map<String, Acc> rules = new LinkedHashMap<>();
        for (Rule r : policy.rules()) {
            rules.putIfAbsent(r.name(), new Acc());
        }
        Map<String, DevAcc> devices = new TreeMap<>();
        Map<String, Violation> violations = new LinkedHashMap<>();
        Map<String, Long> elements = new TreeMap<>();
        long allowed = 0;
        long total = 0;
        long end = now;
        for (int i = 0; i < flows.size(); i++) {
            FlowEnded f = flows.get(i);
            long w = weights == null ? 1 : weights[i];
            total += w;
            FlowMeta m = f.flow();
            long at = f.firstSeen();
            end = now != 0 ? now : Math.max(end, f.ts());
            Judged j = judge(m.clientIp(), m.clientMac() == null ? null : m.clientMac().toString(), m.serverIp(),
                    m.ipProtocol(), m.serverPort(), at);
            CompiledPolicy.Outcome o = j.outcome();
            elements.merge(j.element(), w, Long::sum);
            String name = o.element() != null && o.element().rule() != null ? o.element().rule() : o.reason();
            Simulation.Sample sample = new Simulation.Sample(EventJson.time(at), m.clientIp().toString(),
                    m.serverIp().toString(), new Service(m.ipProtocol(), m.ipProtocol(), Service.normalPort(m.ipProtocol(),
                    m.serverPort()), Service.normalPort(m.ipProtocol(), m.serverPort())).toString(), o.reason());
            Subject s = context.owner(m.clientIp());
            if (s == null && m.clientMac() != null && m.clientIp().isUnspecified()) {
                s = context.byMac(m.clientMac().toString());
            }
            rules.computeIfAbsent(name, k -> new Acc()).add(o.allowed(), w, at, s == null ? null : s.id(), sample);
            if (o.allowed()) {
                allowed += w;
            }
            if (s != null) {
                devices.computeIfAbsent(s.id(), k -> new DevAcc()).add(o.allowed(), w, name, sample);
            }
            if (!o.allowed()) {
                violation(violations, s, m, at, f.ts(), w, o, sample);
            }
        }
        List<Simulation.RuleStats> ruleStats = new ArrayList<>();
        List<Simulation.Removal> removals = new ArrayList<>();
        for (Map.Entry<String, Acc> e : rules.entrySet()) {
            Acc a = e.getValue();
            ruleStats.add(new Simulation.RuleStats(e.getKey(), a.allowed, a.denied, List.copyOf(a.devices),
                    a.first == Long.MAX_VALUE ? null : EventJson.time(a.first), a.last == Long.MIN_VALUE ? null
                    : EventJson.time(a.last), List.copyOf(a.samples)));
            if (policy.rule(e.getKey()) != null && (a.last == Long.MIN_VALUE || a.last < end - unusedDays * DAY)) {
                removals.add(new Simulation.Removal(e.getKey(), a.last == Long.MIN_VALUE ? null : EventJson.time(a.last),
                        a.last == Long.MIN_VALUE ? "no flow used it" : "no flow used it in the last " + unusedDays + " days"));
            }
        }
        List<Simulation.DeviceStats> devStats = new ArrayList<>();
        devices.forEach((id, d) -> devStats.add(new Simulation.DeviceStats(id, d.allowed, d.denied, d.byReason,
                List.copyOf(d.samples))));
        List<Finding> found = new ArrayList<>();
        for (Violation v : violations.values()) {
            found.add(v.finding(policy));
        }
        return new Simulation(policy.name(), policy.revision(), total, allowed, total - allowed, ruleStats,
                devStats, found, removals, elements);
    }

    private void violation(Map<String, Violation> out, Subject s, FlowMeta m, long at, long last, long w,
            CompiledPolicy.Outcome o, Simulation.Sample sample) {
        Subject about = s;
        Ip peer = m.serverIp();
        Ip used = m.clientIp();
        if (about == null) {
            about = context.owner(m.serverIp());
            peer = m.clientIp();
            used = m.serverIp();
        }
        if (about == null) {
            return;
        }
        String entry = MissingEntry.of(policy, context, s, m.clientIp(), m.serverIp(), m.ipProtocol(), m.serverPort(), at);
        Violation v = out.computeIfAbsent(about.id() + "|" + entry, k -> new Violation());
        v.about = about;
        v.used = used;
        v.peer = peer;
        v.entry = entry;
        v.reason = o.reason();
        v.port = Service.hasPorts(m.ipProtocol()) ? m.serverPort() : null;
        v.first = Math.min(v.first, at);
        v.last = Math.max(v.last, last);
        v.count += w;
        if (v.samples.size() < MAX_SAMPLES) {
            v.samples.add(sample);
        }
    }

    private static final class Acc {
        long allowed;
        long denied;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final LinkedHashSet<String> devices = new LinkedHashSet<>();
        final List<Simulation.Sample> samples = new ArrayList<>();

        void add(boolean ok, long w, long at, String device, Simulation.Sample s) {
            if (ok) {
                allowed += w;
            } else {
                denied += w;
            }
            first = Math.min(first, at);
            last = Math.max(last, at);
            if (device != null && devices.size() < MAX_LISTED) {
                devices.add(device);
            }
            if (samples.size() < MAX_SAMPLES) {
                samples.add(s);
            }
        }
    }

    private static final class DevAcc {
        long allowed;
        long denied;
        final Map<String, Long> byReason = new TreeMap<>();
        final List<Simulation.Sample> samples = new ArrayList<>();

        void add(boolean ok, long w, String reason, Simulation.Sample s) {
            if (ok) {
                allowed += w;
            } else {
                denied += w;
                if (samples.size() < MAX_SAMPLES) {
                    samples.add(s);
                }
            }
            byReason.merge(reason, w, Long::sum);
        }
    }

    private static final class Violation {
        Subject about;
        Ip used;
        Ip peer;
        Integer port;
        String entry;
        String reason;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long count;
        final List<Simulation.Sample> samples = new ArrayList<>();

        Finding finding(Policy p) {
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("missing_entry", entry);
            ev.put("decided_by", reason);
            ev.put("policy", p.name());
            ev.put("revision", p.revision());
            ev.put("flows", samples);
            return PolicyFindings.make(PolicyFindings.VIOLATION, PolicyFindings.ref(about, used),
                    new Finding.Peer(peer.toString(), port, null), first, last, count, ev);
        }
    }
}
