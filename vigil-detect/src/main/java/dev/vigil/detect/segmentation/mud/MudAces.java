package dev.vigil.detect.segmentation.mud;

import dev.vigil.detect.segmentation.mud.LocatedJson.Node;
import java.util.Map;

/** Reads and checks one access-control entry for {@link MudReader} (RFC 8519 ace, with RFC 8520's augmentations). */
final class MudAces {

    private final MudReader r;

    MudAces(MudReader r) {
        this.r = r;
    }

    MudFile.Ace ace(Node e, boolean v6) throws MudFormatException {
        Map<String, Node> ace = r.object(e, "ace");
        r.members(ace, MudReader.ACE, "ace", "RFC 8519 ietf-access-control-list");
        String name = r.string(r.need(ace, e, "name"), "ace name", 64);
        if (name.isEmpty()) {
            throw r.fail(e, "an ACE name has 1 to 64 characters");
        }
        Node actions = r.need(ace, e, "actions");
        Map<String, Node> act = r.object(actions, "actions");
        r.members(act, java.util.Set.of("forwarding", "logging"), "actions", "RFC 8519 ietf-access-control-list");
        String fwd = r.string(r.need(act, actions, "forwarding"), "forwarding", 64).replace("ietf-access-control-list:", "");
        if (!fwd.equals("accept") && !fwd.equals("drop") && !fwd.equals("reject")) {
            throw r.fail(act.get("forwarding"), "forwarding must be accept, drop or reject (RFC 8519), not '" + fwd + "'");
        }
        MudFile.Matches m = ace.get("matches") == null ? new MudFile.Matches(null, null, null, null, null, null, false,
                false, false, null, null, null, null, null, null) : matches(ace.get("matches"), v6);
        return new MudFile.Ace(name, m, fwd.equals("accept"), evidence(ace.get(MudFile.EVIDENCE_NODE)));
    }

    private MudFile.Matches matches(Node n, boolean v6) throws MudFormatException {
        Map<String, Node> m = r.object(n, "matches");
        r.members(m, MudReader.MATCHES, "matches", "RFC 8519 ietf-access-control-list");
        if (m.containsKey("ipv4") && m.containsKey("ipv6")) {
            throw r.fail(m.get("ipv6"), "matches holds both ipv4 and ipv6: the l3 choice has one case (RFC 8519)");
        }
        int l4s = (m.containsKey("tcp") ? 1 : 0) + (m.containsKey("udp") ? 1 : 0) + (m.containsKey("icmp") ? 1 : 0);
        if (l4s > 1) {
            throw r.fail(n, "matches holds more than one of tcp, udp and icmp: the l4 choice has one case (RFC 8519)");
        }
        if (m.containsKey(v6 ? "ipv4" : "ipv6")) {
            throw r.fail(m.get(v6 ? "ipv4" : "ipv6"), (v6 ? "ipv4" : "ipv6") + " matches in an " + (v6 ? "ipv6" : "ipv4")
                    + "-acl-type ACL (RFC 8519 'when' condition)");
        }
        if (m.containsKey("eth")) {
            Map<String, Node> eth = r.object(m.get("eth"), "eth");
            r.members(eth, MudReader.ETH, "eth", "RFC 8519 ietf-packet-fields");
        }
        Integer proto = null;
        String srcNet = null;
        String dstNet = null;
        String srcName = null;
        String dstName = null;
        Node l3n = m.get(v6 ? "ipv6" : "ipv4");
        if (l3n != null) {
            Map<String, Node> l3 = r.object(l3n, v6 ? "ipv6" : "ipv4");
            java.util.Set<String> allowed = new java.util.HashSet<>(MudReader.IP);
            allowed.addAll(v6 ? MudReader.IPV6 : MudReader.IPV4);
            r.members(l3, allowed, v6 ? "ipv6" : "ipv4", "RFC 8519 ietf-packet-fields, RFC 8520 ietf-acldns");
            if (l3.containsKey("protocol")) {
                proto = r.uint(l3.get("protocol"), "protocol", 255);
            }
            String net = v6 ? "-ipv6-network" : "-ipv4-network";
            srcNet = l3.containsKey("source" + net) ? r.prefix(l3.get("source" + net), "source" + net, v6) : null;
            dstNet = l3.containsKey("destination" + net) ? r.prefix(l3.get("destination" + net), "destination" + net, v6)
                    : null;
            srcName = host(l3.get("ietf-acldns:src-dnsname"), "src-dnsname");
            dstName = host(l3.get("ietf-acldns:dst-dnsname"), "dst-dnsname");
            if (srcNet != null && srcName != null || dstNet != null && dstName != null) {
                throw r.fail(l3n, "a network and a DNS name for the same side: give one (RFC 8520 ietf-acldns)");
            }
        }
        String controller = null;
        boolean my = false;
        boolean local = false;
        boolean same = false;
        String manufacturer = null;
        String model = null;
        Node mudN = m.get("ietf-mud:mud");
        if (mudN != null) {
            Map<String, Node> mm = r.object(mudN, "ietf-mud:mud (in matches)");
            r.members(mm, MudReader.MUD_MATCH, "ietf-mud:mud matches", "RFC 8520 ietf-mud");
            controller = mm.containsKey("controller") ? r.uri(mm.get("controller"), "controller") : null;
            my = mm.containsKey("my-controller") && r.empty(mm.get("my-controller"), "my-controller");
            local = mm.containsKey("local-networks") && r.empty(mm.get("local-networks"), "local-networks");
            same = mm.containsKey("same-manufacturer") && r.empty(mm.get("same-manufacturer"), "same-manufacturer");
            manufacturer = host(mm.get("manufacturer"), "manufacturer");
            model = mm.containsKey("model") ? r.uri(mm.get("model"), "model") : null;
            int abstractions = (controller != null ? 1 : 0) + (my ? 1 : 0) + (local ? 1 : 0) + (same ? 1 : 0)
                    + (manufacturer != null ? 1 : 0) + (model != null ? 1 : 0);
            if (abstractions > 1) {
                throw r.fail(mudN, "more than one MUD abstraction in one entry: write one entry each");
            }
        }
        String l4 = m.containsKey("tcp") ? "tcp" : m.containsKey("udp") ? "udp" : m.containsKey("icmp") ? "icmp" : null;
        MudFile.PortMatch sp = null;
        MudFile.PortMatch dp = null;
        String dir = null;
        if (l4 != null) {
            Map<String, Node> l = r.object(m.get(l4), l4);
            r.members(l, l4.equals("tcp") ? MudReader.TCP : l4.equals("udp") ? MudReader.UDP : MudReader.ICMP, l4,
                    "RFC 8519 ietf-packet-fields" + (l4.equals("tcp") ? ", RFC 8520 direction-initiated" : ""));
            if (!l4.equals("icmp")) {
                sp = l.containsKey("source-port") ? port(l.get("source-port")) : null;
                dp = l.containsKey("destination-port") ? port(l.get("destination-port")) : null;
            }
            Node d = l.get("ietf-mud:direction-initiated");
            if (d != null) {
                dir = r.string(d, "direction-initiated", 16);
                if (!dir.equals("from-device") && !dir.equals("to-device")) {
                    throw r.fail(d, "direction-initiated must be from-device or to-device (RFC 8520), not '" + dir + "'");
                }
            }
            int implied = l4.equals("tcp") ? 6 : l4.equals("udp") ? 17 : v6 ? 58 : 1;
            if (proto != null && proto != implied) {
                throw r.fail(m.get(l4), l4 + " matches with protocol " + proto + " (" + l4 + " is " + implied + ")");
            }
            proto = implied;
        }
        return new MudFile.Matches(proto, srcNet, dstNet, srcName, dstName, controller, my, local, same, manufacturer,
                model, sp, dp, dir, l4);
    }

    private MudFile.PortMatch port(Node n) throws MudFormatException {
        Map<String, Node> p = r.object(n, "port");
        r.members(p, MudReader.PORT, "port", "RFC 8519 port-range-or-operator");
        boolean range = p.containsKey("lower-port") || p.containsKey("upper-port");
        boolean op = p.containsKey("operator") || p.containsKey("port");
        if (range && op) {
            throw r.fail(n, "a port match is a range (lower-port, upper-port) or an operator and a port, not both");
        }
        if (range) {
            int lo = r.uint(r.need(p, n, "lower-port"), "lower-port", 65_535);
            int hi = r.uint(r.need(p, n, "upper-port"), "upper-port", 65_535);
            if (hi < lo) {
                throw r.fail(n, "upper-port " + hi + " is below lower-port " + lo);
            }
            return new MudFile.PortMatch("range", 0, lo, hi);
        }
        String operator = p.containsKey("operator") ? r.string(p.get("operator"), "operator", 8) : "eq";
        if (!java.util.Set.of("eq", "lte", "gte", "neq").contains(operator)) {
            throw r.fail(p.get("operator"), "operator must be eq, lte, gte or neq (RFC 8519), not '" + operator + "'");
        }
        return new MudFile.PortMatch(operator, r.uint(r.need(p, n, "port"), "port", 65_535), 0, 0);
    }

    private String host(Node n, String what) throws MudFormatException {
        if (n == null) {
            return null;
        }
        String s = r.string(n, what, 253);
        if (!s.matches("[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\\.?")
                && dev.vigil.engine.net.Ip.tryParse(s) == null) {
            throw r.fail(n, what + " '" + s + "' is not a host (RFC 6991 inet:host)");
        }
        return s;
    }

    private MudFile.Evidence evidence(Node n) throws MudFormatException {
        if (n == null) {
            return null;
        }
        Map<String, Node> e = r.object(n, "evidence");
        r.members(e, MudReader.EVIDENCE, "evidence", "docs/policy.md, vigil-evidence");
        Node share = r.need(e, n, "device-share");
        if (!(share.value() instanceof Number s)) {
            throw r.fail(share, "device-share must be a number");
        }
        return new MudFile.Evidence(r.string(r.need(e, n, "first-seen"), "first-seen", 64),
                r.string(r.need(e, n, "last-seen"), "last-seen", 64), r.uint(r.need(e, n, "flow-count"), "flow-count",
                Integer.MAX_VALUE), r.uint(r.need(e, n, "devices"), "devices", Integer.MAX_VALUE), s.doubleValue());
    }
}
