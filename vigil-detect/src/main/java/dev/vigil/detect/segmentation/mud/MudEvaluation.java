package dev.vigil.detect.segmentation.mud;

import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.segmentation.Membership;
import dev.vigil.detect.segmentation.MembershipRule;
import dev.vigil.detect.segmentation.Observations;
import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.Selector;
import dev.vigil.detect.segmentation.Simulation;
import dev.vigil.detect.segmentation.Simulator;
import dev.vigil.detect.segmentation.Subjects;
import dev.vigil.detect.trust.Assets;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How well learned MUD files describe what devices do: replaying the learning window through the
 * per-device files (it should deny nothing), replaying each model's devices through the model's
 * file (its coverage), and learning on the earlier part of each device's traffic and replaying the
 * later part (the share a policy learned that way would have denied).
 */
public final class MudEvaluation {

    /** Flows replayed and how many the policy denied. */
    public record Replay(long flows, long denied) {
        public double deniedShare() {
            return flows == 0 ? 0 : (double) denied / flows;
        }

        public double allowedShare() {
            return flows == 0 ? 1 : 1 - deniedShare();
        }
    }

    /**
     * @param learning the learning window through the per-device files
     * @param models per model, its devices' flows through the model's file
     * @param modelsTotal all models together
     * @param heldOut the later part of each device's traffic through files learned on the earlier part
     * @param holdout the share of each device's time span held out
     */
    public record Report(Replay learning, Map<String, Replay> models, Replay modelsTotal, Replay heldOut, double holdout) {
    }

    private MudEvaluation() {
    }

    /** Evaluates on one network. */
    public static Report evaluate(Observations obs, MudLearner.Options options, double holdout) {
        return evaluate(List.of(obs), options, holdout);
    }

    /**
     * Evaluates on several networks (separate captures with their own addresses): files are learned
     * from all of them, and each is replayed on its own.
     */
    public static Report evaluate(List<Observations> networks, MudLearner.Options options, double holdout) {
        MudLearner learner = new MudLearner(options);
        MudLearner.Learned all = learner.learn(networks);
        Policy devices = devicePolicy("learned", all);
        Map<String, Policy> modelPolicies = new TreeMap<>();
        for (String m : all.modelDevices().keySet()) {
            modelPolicies.put(m, modelPolicy(m, all));
        }
        Replay learning = new Replay(0, 0);
        Map<String, Replay> models = new TreeMap<>();
        List<Observations> early = new ArrayList<>();
        List<Observations> late = new ArrayList<>();
        for (Observations net : networks) {
            learning = plus(learning, replay(devices, net, net.flows(), all.devices().keySet()));
            for (Map.Entry<String, List<String>> e : all.modelDevices().entrySet()) {
                Replay r = replay(modelPolicies.get(e.getKey()), net, net.flows(), new java.util.HashSet<>(e.getValue()));
                models.merge(e.getKey(), r, MudEvaluation::plus);
            }
            List<FlowEnded>[] parts = split(net, all.devices().keySet(), holdout);
            early.add(net.withFlows(parts[0]));
            late.add(net.withFlows(parts[1]));
        }
        Replay total = new Replay(0, 0);
        for (Replay r : models.values()) {
            total = plus(total, r);
        }
        MudLearner.Learned part = learner.learn(early);
        Policy partPolicy = devicePolicy("held-out", part);
        Replay heldOut = new Replay(0, 0);
        for (Observations net : late) {
            heldOut = plus(heldOut, replay(partPolicy, net, net.flows(), all.devices().keySet()));
        }
        return new Report(learning, models, total, heldOut, holdout);
    }

    static Replay plus(Replay a, Replay b) {
        return new Replay(a.flows() + b.flows(), a.denied() + b.denied());
    }

    /** Each device's flows before and after the point {@code holdout} of its time span from its end. */
    @SuppressWarnings("unchecked")
    static List<FlowEnded>[] split(Observations net, java.util.Set<String> ids, double holdout) {
        Map<String, String> owner = owners(net.devices());
        Map<String, long[]> span = new HashMap<>();
        List<FlowEnded> flows = net.flows();
        for (FlowEnded f : flows) {
            String d = subjectOf(f, owner, ids);
            if (d != null) {
                long[] s = span.computeIfAbsent(d, k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
                s[0] = Math.min(s[0], f.firstSeen());
                s[1] = Math.max(s[1], f.firstSeen());
            }
        }
        List<FlowEnded> early = new ArrayList<>();
        List<FlowEnded> late = new ArrayList<>();
        for (FlowEnded f : flows) {
            String d = subjectOf(f, owner, ids);
            if (d == null) {
                continue;
            }
            long[] s = span.get(d);
            long cut = s[0] + (long) ((s[1] - s[0]) * (1 - holdout));
            (f.firstSeen() <= cut ? early : late).add(f);
        }
        return new List[] {early, late};
    }

    /** A policy of the per-device files, each bound to its device. */
    public static Policy devicePolicy(String name, MudLearner.Learned l) {
        List<MudPolicy.Binding> b = new ArrayList<>();
        for (Map.Entry<String, MudFile> e : l.devices().entrySet()) {
            b.add(new MudPolicy.Binding(e.getValue(), zoneName("dev", e.getKey()),
                    List.of(Selector.of(Selector.Attribute.DEVICE, false, List.of(e.getKey())))));
        }
        return MudPolicy.convert(name, b, controllers(l), dev.vigil.detect.segmentation.Policy.DEFAULT_LOCAL).policy();
    }

    /** A policy of one model's file, bound to that model's devices. */
    public static Policy modelPolicy(String model, MudLearner.Learned l) {
        MudPolicy.Binding b = new MudPolicy.Binding(l.models().get(model), zoneName("model", model),
                List.of(Selector.of(Selector.Attribute.DEVICE, false, l.modelDevices().get(model))));
        return MudPolicy.convert(model, List.of(b), controllers(l), dev.vigil.detect.segmentation.Policy.DEFAULT_LOCAL)
                .policy();
    }

    static Map<String, List<Ip>> controllers(MudLearner.Learned l) {
        Map<String, List<Ip>> c = new HashMap<>();
        if (!l.dnsServers().isEmpty()) {
            c.put(dev.vigil.detect.segmentation.Target.Controller.DNS, l.dnsServers());
        }
        if (!l.ntpServers().isEmpty()) {
            c.put(dev.vigil.detect.segmentation.Target.Controller.NTP, l.ntpServers());
        }
        return c;
    }

    /** A zone name for a device or model: a letter first, at most 48 characters. */
    public static String zoneName(String prefix, String id) {
        String z = prefix + "-" + MudLearner.slug(id.replace("mac:", "").replace("ip:", "").replace(":", ""));
        return z.length() > 48 ? z.substring(0, 48) : z;
    }

    /** Replays the flows in which one of {@code deviceIds} takes part. */
    public static Replay replay(Policy p, Observations obs, List<FlowEnded> flows, java.util.Set<String> deviceIds) {
        Map<String, String> owner = owners(obs.devices());
        List<FlowEnded> mine = new ArrayList<>();
        for (FlowEnded f : flows) {
            if (subjectOf(f, owner, deviceIds) != null) {
                mine.add(f);
            }
        }
        PolicyContext ctx = PolicyContext.of(Subjects.of(obs.devices(), Assets.none(), Map.of(),
                new Membership(new MembershipRule(0, 1))), obs.dnsView(p.dnsMarginSeconds()), List.of());
        Simulation s = new Simulator(p, ctx).run(mine, 0, 0);
        return new Replay(s.flows(), s.denied());
    }

    private static Map<String, String> owners(List<Device> devices) {
        Map<String, String> m = new HashMap<>();
        for (Device d : devices) {
            for (Device.Address a : d.ips()) {
                m.put(a.ip(), d.id());
            }
            if (d.mac() != null) {
                m.put(d.mac(), d.id());
            }
        }
        return m;
    }

    /** The device among {@code ids} a flow is about: its client, else its server; null when neither. */
    static String subjectOf(FlowEnded f, Map<String, String> owner, java.util.Set<String> ids) {
        String c = owner.get(f.flow().clientIp().toString());
        if (c == null && f.flow().clientMac() != null && f.flow().clientIp().isUnspecified()) {
            c = owner.get(f.flow().clientMac().toString());
        }
        if (c != null && ids.contains(c)) {
            return c;
        }
        String s = owner.get(f.flow().serverIp().toString());
        return s != null && ids.contains(s) ? s : null;
    }
}
