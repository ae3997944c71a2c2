package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a policy, its context and a moment into a {@link CompiledPolicy}: for each source group,
 * the disjoint regions each rule decides under first-match order, with the rule that decides them.
 * Pure; the nftables compiler only renders what this computes.
 */
public final class PolicyCompiler {

    /** IPv6 outside the IPv4-mapped block, as two ranges. */
    static final List<AddressRange> V6 = Ranges.subtract(List.of(AddressRange.ALL), List.of(AddressRange.V4));

    private final Policy policy;
    private final PolicyContext context;
    private final Decider decider;
    private final long at;
    private final Map<String, List<AddressRange>> zoneRanges = new HashMap<>();
    /** Per zone, the indices of the rules from it; rules from anything else are in {@link #otherFrom}. */
    private final Map<String, List<Integer>> fromZone = new HashMap<>();
    private final List<Integer> otherFrom = new ArrayList<>();

    private PolicyCompiler(Policy policy, PolicyContext context, long at) {
        this.policy = policy;
        this.context = context;
        this.decider = new Decider(policy, context);
        this.at = at;
        List<Rule> rules = policy.rules();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).from() instanceof Target.ZoneRef z) {
                fromZone.computeIfAbsent(z.name(), k -> new ArrayList<>()).add(i);
            } else {
                otherFrom.add(i);
            }
        }
    }

    /** The zones an address of a device is in, in file order. */
    private List<String> zonesOf(Subject s, Ip ip) {
        List<String> in = new ArrayList<>();
        for (Zone z : policy.zones().values()) {
            if (z.contains(s, ip)) {
                in.add(z.name());
            }
        }
        return in;
    }

    /** The rules whose source side a device address can be on, in evaluation order. */
    private List<Integer> candidates(List<String> zones) {
        java.util.TreeSet<Integer> c = new java.util.TreeSet<>(otherFrom);
        for (String z : zones) {
            c.addAll(fromZone.getOrDefault(z, List.of()));
        }
        return new ArrayList<>(c);
    }

    /** Compiles for the moment {@code at} (nanoseconds since the epoch). */
    public static CompiledPolicy compile(Policy policy, PolicyContext context, long at) {
        return new PolicyCompiler(policy, context, at).run();
    }

    private CompiledPolicy run() {
        List<CompiledPolicy.SourceGroup> groups = new ArrayList<>();
        Map<Ip, CompiledPolicy.SourceGroup> groupOf = new HashMap<>();
        int n = 0;
        for (Subject s : context.subjects()) {
            Map<String, List<Ip>> byKey = new LinkedHashMap<>();
            for (Ip ip : s.addresses()) {
                if (context.owner(ip) == s) {
                    byKey.computeIfAbsent(key(s, ip), k -> new ArrayList<>()).add(ip);
                }
            }
            for (List<Ip> addrs : byKey.values()) {
                CompiledPolicy.SourceGroup g = group("g" + (++n), s, addrs);
                groups.add(g);
                addrs.forEach(ip -> groupOf.put(ip, g));
            }
        }
        List<Quarantine> live = context.quarantines().stream().filter(q -> q.activeAt(at)).toList();
        return new CompiledPolicy(policy.name(), policy.revision(), at, groups, anonymous(), groupOf, live,
                policy.quarantine());
    }

    /** What decides the treatment of a device address: family, its zones, which other sources it is, its default. */
    private String key(Subject s, Ip ip) {
        List<String> zones = zonesOf(s, ip);
        StringBuilder k = new StringBuilder(ip.isV4() ? "4" : "6").append(String.join(",", zones)).append('|');
        for (int i : otherFrom) {
            k.append(fromMatches(policy.rules().get(i).from(), s, ip) ? '1' : '0');
        }
        return k.append(defaultOf(zones)).toString();
    }

    private boolean fromMatches(Target t, Subject s, Ip ip) {
        return switch (t) {
            case Target.SameManufacturer m -> s != null && s.manufacturer() != null;
            case Target.Name nm -> true;
            default -> decider.side(t, s, ip, null, at);
        };
    }

    /** The default of the first of these zones (in file order) that has one, else the policy's. */
    private String defaultOf(List<String> zones) {
        for (String z : zones) {
            Boolean def = policy.zoneDefaults().get(z);
            if (def != null) {
                return (def ? "default allow: zone " : "default deny: zone ") + z;
            }
        }
        return policy.defaultAllow() ? "default allow" : "default deny";
    }

    private CompiledPolicy.SourceGroup group(String id, Subject s, List<Ip> addrs) {
        Ip rep = addrs.get(0);
        List<AddressRange> family = rep.isV4() ? List.of(AddressRange.V4) : V6;
        List<AddressRange> srcAll = List.of(AddressRange.ALL);
        List<String> zones = zonesOf(s, rep);
        List<Integer> mine = new ArrayList<>();
        for (int i : candidates(zones)) {
            if (fromMatches(policy.rules().get(i).from(), s, rep)) {
                mine.add(i);
            }
        }
        List<CompiledPolicy.Element> permanent = new ArrayList<>();
        Map<Integer, Integer> before = new HashMap<>();
        List<Box> decided = new ArrayList<>();
        for (int i : mine) {
            Rule r = policy.rules().get(i);
            before.put(i, decided.size());
            if (!timed(r)) {
                List<AddressRange> dst = Ranges.intersect(dstRanges(r, s), family);
                List<Box> fresh = Box.subtract(boxes(srcAll, dst, r.services()), decided);
                for (Box b : fresh) {
                    permanent.add(new CompiledPolicy.Element(b, r.allow(), r.name(), "rule " + r.name(),
                            CompiledPolicy.FOREVER, null, id + "#p" + permanent.size()));
                }
                decided.addAll(fresh);
            }
        }
        List<AddressRange> srcOwn = Ranges.normal(addrs.stream().map(AddressRange::of).toList());
        List<CompiledPolicy.Element> timedEls = timed(id, s, srcOwn, family, decided, before, mine);
        String def = defaultOf(zones);
        List<CompiledPolicy.Pending> pending = new ArrayList<>();
        for (int i : mine) {
            if (timed(policy.rules().get(i))) {
                pending.add(new CompiledPolicy.Pending(policy.rules().get(i), before.get(i)));
            }
        }
        return new CompiledPolicy.SourceGroup(id, s.id(), List.copyOf(addrs), zones, timedEls, permanent, pending,
                def.startsWith("default allow"), def);
    }

    private CompiledPolicy.SourceGroup anonymous() {
        String id = "anon";
        List<CompiledPolicy.Element> permanent = new ArrayList<>();
        Map<Integer, Integer> before = new HashMap<>();
        List<Box> decided = new ArrayList<>();
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < policy.rules().size(); i++) {
            Rule r = policy.rules().get(i);
            all.add(i);
            before.put(i, decided.size());
            if (!timed(r)) {
                List<Box> mine = Box.subtract(familyBoxes(srcRanges(r.from()), dstRanges(r, null), r.services()), decided);
                for (Box b : mine) {
                    permanent.add(new CompiledPolicy.Element(b, r.allow(), r.name(), "rule " + r.name(),
                            CompiledPolicy.FOREVER, null, id + "#p" + permanent.size()));
                }
                decided.addAll(mine);
            }
        }
        for (Zone z : policy.zones().values()) {
            Boolean def = policy.zoneDefaults().get(z.name());
            if (def == null) {
                continue;
            }
            List<Box> mine = Box.subtract(familyBoxes(z.anonymousRanges(), List.of(AddressRange.ALL), List.of(Service.ANY)),
                    decided);
            String reason = (def ? "default allow: zone " : "default deny: zone ") + z.name();
            for (Box b : mine) {
                permanent.add(new CompiledPolicy.Element(b, def, null, reason, CompiledPolicy.FOREVER, null,
                        "anon#p" + permanent.size()));
            }
            decided.addAll(mine);
        }
        List<CompiledPolicy.Element> timedEls = timed(id, null, null, null, decided, before, all);
        String def = policy.defaultAllow() ? "default allow" : "default deny";
        List<CompiledPolicy.Pending> pending = new ArrayList<>();
        for (int i : all) {
            Rule r = policy.rules().get(i);
            if (timed(r) && (r.from() instanceof Target.Name || !srcRanges(r.from()).isEmpty())) {
                pending.add(new CompiledPolicy.Pending(r, before.get(i)));
            }
        }
        return new CompiledPolicy.SourceGroup(id, null, List.of(), List.of(), timedEls, permanent, pending,
                policy.defaultAllow(), def);
    }

    /** Rules that can stop applying: exceptions, and rules on DNS names. */
    static boolean timed(Rule r) {
        return r.exemption() != null || r.from() instanceof Target.Name || r.to() instanceof Target.Name;
    }

    /**
     * The timed elements of a group, first-match among themselves and under the permanent rules
     * that come before each one.
     *
     * @param id the group's id
     * @param s the device (null for the anonymous group)
     * @param srcOwn the group's own addresses (null for the anonymous group)
     * @param family the group's address family (null for the anonymous group: both)
     * @param decided the permanent boxes, in rule order
     * @param before per rule, how many of them the rules before it made
     * @param mine the rules the group's source can be on, in order
     */
    private List<CompiledPolicy.Element> timed(String id, Subject s, List<AddressRange> srcOwn,
            List<AddressRange> family, List<Box> decided, Map<Integer, Integer> before, List<Integer> mine) {
        List<CompiledPolicy.Element> out = new ArrayList<>();
        List<Box> taken = new ArrayList<>();
        List<Rule> rules = policy.rules();
        for (int i : mine) {
            Rule r = rules.get(i);
            if (!timed(r) || !r.liveAt(at)) {
                continue;
            }
            long until = r.exemption() == null ? CompiledPolicy.FOREVER : Rule.nanos(r.exemption().expires());
            List<Span> srcs;
            if (r.from() instanceof Target.Name nm) {
                srcs = bound(nm, srcOwn == null ? List.of(AddressRange.ALL) : srcOwn);
            } else if (s != null) {
                srcs = fromMatches(r.from(), s, srcOwn.get(0).first())
                        ? List.of(new Span(srcOwn, CompiledPolicy.FOREVER, null)) : List.of();
            } else {
                srcs = List.of(new Span(srcRanges(r.from()), CompiledPolicy.FOREVER, null));
            }
            List<AddressRange> dstWithin = List.of(AddressRange.ALL);
            if (r.from() instanceof Target.SameManufacturer) {
                dstWithin = s == null || s.manufacturer() == null ? List.of()
                        : owned(o -> s.manufacturer().equals(o.manufacturer()));
            }
            List<Span> dsts = r.to() instanceof Target.Name nm ? bound(nm, dstWithin)
                    : List.of(new Span(dstRanges(r, s), CompiledPolicy.FOREVER, null));
            for (Span a : srcs) {
                for (Span b : dsts) {
                    List<AddressRange> dst = family == null ? b.ranges : Ranges.intersect(b.ranges, family);
                    List<Box> fresh = Box.subtract(Box.subtract(familyBoxes(a.ranges, dst, r.services()),
                            decided.subList(0, before.get(i))), taken);
                    long exp = Math.min(until, Math.min(a.until, b.until));
                    String note = a.name != null ? a.name : b.name;
                    for (Box x : fresh) {
                        out.add(new CompiledPolicy.Element(x, r.allow(), r.name(), "rule " + r.name(), exp, note,
                                id + "#t:" + r.name()));
                    }
                    taken.addAll(fresh);
                }
            }
        }
        return out;
    }

    /** Addresses bound to a name at {@code at}, within {@code within}, each with when it lapses. */
    private record Span(List<AddressRange> ranges, long until, String name) {
    }

    private List<Span> bound(Target.Name nm, List<AddressRange> within) {
        List<Span> out = new ArrayList<>();
        for (DnsView.Binding b : context.dns().all(at)) {
            if (nm.covers(b.name()) && Ranges.contains(within, b.address())) {
                out.add(new Span(List.of(AddressRange.of(b.address())), b.until(), b.name()));
            }
        }
        return out;
    }

    /** Boxes of src × dst × services, with each source family meeting only its own destinations. */
    private static List<Box> familyBoxes(List<AddressRange> src, List<AddressRange> dst, List<Service> services) {
        List<Box> out = new ArrayList<>();
        for (List<AddressRange> fam : List.of(List.of(AddressRange.V4), V6)) {
            List<AddressRange> s = Ranges.intersect(src, fam);
            List<AddressRange> d = Ranges.intersect(dst, fam);
            if (!s.isEmpty() && !d.isEmpty()) {
                out.addAll(boxes(s, d, services));
            }
        }
        return out;
    }

    private static List<Box> boxes(List<AddressRange> src, List<AddressRange> dst, List<Service> services) {
        List<Box> out = new ArrayList<>();
        for (AddressRange a : src) {
            for (AddressRange b : dst) {
                for (Service sv : services) {
                    out.add(Box.of(a, b, sv));
                }
            }
        }
        return out;
    }

    /** Where an anonymous source must be for a rule's source side to hold. */
    private List<AddressRange> srcRanges(Target t) {
        return switch (t) {
            case Target.ZoneRef z -> policy.zones().get(z.name()).anonymousRanges();
            case Target.SameManufacturer m -> List.of();
            case Target.Manufacturer m -> List.of();
            default -> plain(t);
        };
    }

    /** Where the destination must be, for a source device {@code s} (null: an anonymous source). */
    private List<AddressRange> dstRanges(Rule r, Subject s) {
        List<AddressRange> d = switch (r.to()) {
            case Target.ZoneRef z -> zone(z.name());
            case Target.SameManufacturer m -> s == null || s.manufacturer() == null ? List.of()
                    : owned(o -> s.manufacturer().equals(o.manufacturer()));
            case Target.Manufacturer m -> owned(o -> Selector.glob(m.name(), o.manufacturer()));
            default -> plain(r.to());
        };
        if (r.from() instanceof Target.SameManufacturer) {
            d = s == null || s.manufacturer() == null ? List.of()
                    : Ranges.intersect(d, owned(o -> s.manufacturer().equals(o.manufacturer())));
        }
        return d;
    }

    /** Sides that depend on the address alone. */
    private List<AddressRange> plain(Target t) {
        return switch (t) {
            case Target.Any a -> List.of(AddressRange.ALL);
            case Target.Net n -> Ranges.normal(n.blocks().stream().map(AddressRange::of).toList());
            case Target.LocalNetworks l -> Ranges.normal(policy.localNetworks().stream().map(AddressRange::of).toList());
            case Target.Controller c -> Ranges.normal(policy.controllers().getOrDefault(c.uri(), List.of()).stream()
                    .map(AddressRange::of).toList());
            default -> throw new IllegalStateException("not an address-only side: " + t.text());
        };
    }

    /** A zone's members: its devices' addresses, and addresses of no device it holds. */
    private List<AddressRange> zone(String name) {
        return zoneRanges.computeIfAbsent(name, k -> {
            Zone z = policy.zones().get(k);
            List<AddressRange> members = new ArrayList<>();
            List<AddressRange> others = new ArrayList<>();
            List<AddressRange> anon = z.anonymousRanges();
            for (Map.Entry<Ip, Subject> e : context.owners().entrySet()) {
                if (z.contains(e.getValue(), e.getKey())) {
                    members.add(AddressRange.of(e.getKey()));
                } else if (Ranges.contains(anon, e.getKey())) {
                    others.add(AddressRange.of(e.getKey()));
                }
            }
            List<AddressRange> all = new ArrayList<>(Ranges.subtract(anon, others));
            all.addAll(members);
            return Ranges.normal(all);
        });
    }

    private List<AddressRange> owned(java.util.function.Predicate<Subject> p) {
        List<AddressRange> out = new ArrayList<>();
        for (Map.Entry<Ip, Subject> e : context.owners().entrySet()) {
            if (p.test(e.getValue())) {
                out.add(AddressRange.of(e.getKey()));
            }
        }
        return Ranges.normal(out);
    }
}
