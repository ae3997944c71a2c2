package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy decision function: whether a flow that {@code src} starts towards {@code dst} on a
 * protocol and port is allowed at a given time, which rule decided, and the trace of how. The
 * reference every enforcement point is checked against. Pure: the same arguments give the same
 * decision.
 *
 * <p>Order: a quarantined source may reach only what the quarantine profile lets through, and
 * nothing may start a flow towards a quarantined device; then the first rule (live exceptions
 * first, then the rules as written) whose sides and services match; then the default of the
 * source's first zone that has one, else the policy's default.
 */
public final class Decider {

    private final Policy policy;
    private final PolicyContext context;

    public Decider(Policy policy, PolicyContext context) {
        this.policy = policy;
        this.context = context;
    }

    public Policy policy() {
        return policy;
    }

    public PolicyContext context() {
        return context;
    }

    /** Decides without a trace (the fast path for simulation). */
    public Decision decide(Ip src, Ip dst, int proto, int port, long at) {
        return decide(src, null, dst, proto, port, at, false);
    }

    /**
     * @param srcMac the source's MAC where the flow shows it, or null; used only for a source that has no
     *     address yet (0.0.0.0 or ::: a DHCP client, IPv6 duplicate address detection)
     * @param trace whether to record the steps
     */
    public Decision decide(Ip src, String srcMac, Ip dst, int proto, int port, long at, boolean trace) {
        List<String> steps = trace ? new ArrayList<>() : null;
        int p = Service.normalPort(proto, port);
        Subject s = context.owner(src);
        if (s == null && srcMac != null && src.isUnspecified()) {
            s = context.byMac(srcMac);
        }
        Subject d = context.owner(dst);
        String sid = s == null ? null : s.id();
        String did = d == null ? null : d.id();
        if (trace) {
            steps.add("source " + src + (s == null ? " is no device's" : " is " + s.id()) + "; destination " + dst
                    + (d == null ? " is no device's" : " is " + d.id()) + "; " + new Service(proto, proto, p, p));
        }
        Quarantine qs = context.quarantined(src, at);
        if (qs != null) {
            String as = policy.quarantine().permits(dst, proto, p);
            if (trace) {
                steps.add("source quarantined (" + qs.reason() + "): " + (as == null ? "only DHCP, DNS to the resolver and "
                        + "the notice page" : "allowed as " + as));
            }
            return new Decision(as != null, null, "quarantine: " + (as == null ? "blocked" : as), list(steps),
                    policy.revision(), sid, did);
        }
        Quarantine qd = context.quarantined(dst, at);
        if (qd != null) {
            if (trace) {
                steps.add("destination quarantined (" + qd.reason() + "): nothing may start a flow towards it");
            }
            return new Decision(false, null, "quarantine: destination", list(steps), policy.revision(), sid, did);
        }
        for (Rule r : policy.rules()) {
            if (!r.liveAt(at)) {
                if (trace) {
                    steps.add("exception " + r.name() + " expired " + r.exemption().expires());
                }
                continue;
            }
            if (!r.offers(proto, p)) {
                continue;
            }
            if (!side(r.from(), s, src, d, at)) {
                continue;
            }
            if (!side(r.to(), d, dst, s, at)) {
                if (trace) {
                    steps.add("rule " + r.name() + " (line " + r.line() + "): source is " + r.from().text()
                            + ", destination is not " + r.to().text() + lapsed(r.to(), dst, at));
                }
                continue;
            }
            if (trace) {
                steps.add("rule " + r.name() + " (line " + r.line() + "): " + r.from().text() + " -> " + r.to().text()
                        + " matches: " + (r.allow() ? "allow" : "deny"));
            }
            return new Decision(r.allow(), r.name(), "rule " + r.name(), list(steps), policy.revision(), sid, did);
        }
        for (Zone z : policy.zones().values()) {
            Boolean def = policy.zoneDefaults().get(z.name());
            if (def != null && z.contains(s, src)) {
                if (trace) {
                    steps.add("no rule matches; the source is in zone " + z.name() + ", whose default is "
                            + (def ? "allow" : "deny"));
                }
                return new Decision(def, null, "default " + (def ? "allow" : "deny") + ": zone " + z.name(), list(steps),
                        policy.revision(), sid, did);
            }
        }
        if (trace) {
            steps.add("no rule matches; the policy's default is " + (policy.defaultAllow() ? "allow" : "deny"));
        }
        return new Decision(policy.defaultAllow(), null, "default " + (policy.defaultAllow() ? "allow" : "deny"),
                list(steps), policy.revision(), sid, did);
    }

    /** Whether both sides of a rule hold for a flow from {@code src} to {@code dst} at {@code at}. */
    public boolean matches(Rule r, Ip src, Ip dst, long at) {
        Subject s = context.owner(src);
        Subject d = context.owner(dst);
        return side(r.from(), s, src, d, at) && side(r.to(), d, dst, s, at);
    }

    private static List<String> list(List<String> steps) {
        return steps == null ? List.of() : steps;
    }

    /**
     * Whether an endpoint is on one side of a rule.
     *
     * @param s the device the address belongs to, or null
     * @param other the device on the rule's other side, or null (for same-manufacturer)
     */
    boolean side(Target t, Subject s, Ip ip, Subject other, long at) {
        return switch (t) {
            case Target.Any a -> true;
            case Target.ZoneRef z -> policy.zones().get(z.name()).contains(s, ip);
            case Target.Net n -> n.contains(ip);
            case Target.LocalNetworks l -> policy.local(ip);
            case Target.Controller c -> policy.controllers().getOrDefault(c.uri(), List.of()).contains(ip);
            case Target.SameManufacturer m -> s != null && other != null && s.manufacturer() != null
                    && s.manufacturer().equals(other.manufacturer());
            case Target.Manufacturer m -> s != null && Selector.glob(m.name(), s.manufacturer());
            case Target.Name n -> named(n, ip, at);
        };
    }

    /** For a name the address once had: when its answer stopped holding (a trace detail). */
    private String lapsed(Target t, Ip ip, long at) {
        if (!(t instanceof Target.Name n)) {
            return "";
        }
        long last = Long.MIN_VALUE;
        for (DnsView.Binding b : context.dns().ever(ip)) {
            if (n.covers(b.name()) && b.until() <= at) {
                last = Math.max(last, b.until());
            }
        }
        return last == Long.MIN_VALUE ? " (no DNS answer gave it for that name)"
                : " (its DNS answer for that name lapsed at " + dev.vigil.engine.event.EventJson.time(last) + ")";
    }

    private boolean named(Target.Name n, Ip ip, long at) {
        for (DnsView.Binding b : context.dns().at(ip, at)) {
            if (n.covers(b.name())) {
                return true;
            }
        }
        return false;
    }
}
