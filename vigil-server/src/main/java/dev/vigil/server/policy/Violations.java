package dev.vigil.server.policy;

import dev.vigil.detect.findings.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service's {@code policy.violation} findings of one window, one per device and missing entry,
 * except where a device tried many ports of one peer (a flood, a port scan): those are one finding for
 * the peer and protocol, naming how many ports and the first of them; a device that tried one port of
 * many peers (a sweep) gets one finding for that port, naming how many peers: one event stays one finding.
 */
final class Violations {

    /** Entries of one device, peer and protocol past which they become one finding. */
    static final int MAX_PORTS_APART = 8;

    /** Ports named in a folded finding at most. */
    static final int PORTS_NAMED = 10;

    private Violations() {
    }

    static List<Finding> fold(List<Finding> found) {
        Map<String, List<Finding>> byPeer = new LinkedHashMap<>();
        for (Finding f : found) {
            String proto = proto(f);
            String key = f.device().id() + "|" + (f.peer() == null ? "" : f.peer().ip()) + "|" + proto;
            byPeer.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        List<Finding> out = new ArrayList<>();
        for (List<Finding> group : byPeer.values()) {
            if (group.size() <= MAX_PORTS_APART) {
                out.addAll(group);
                continue;
            }
            out.add(folded(group));
        }
        return acrossPeers(out);
    }

    /** A sweep: one device, one protocol and port, more than {@link #MAX_PORTS_APART} peers: one finding. */
    private static List<Finding> acrossPeers(List<Finding> found) {
        Map<String, List<Finding>> byPort = new LinkedHashMap<>();
        for (Finding f : found) {
            Integer port = f.peer() == null ? null : f.peer().port();
            String key = port == null ? "one|" + byPort.size() : f.device().id() + "|" + proto(f) + "|" + port;
            byPort.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        List<Finding> out = new ArrayList<>();
        for (List<Finding> group : byPort.values()) {
            if (group.size() <= MAX_PORTS_APART) {
                out.addAll(group);
                continue;
            }
            Finding first = group.get(0);
            long count = 0;
            String from = first.firstSeen();
            String to = first.lastSeen();
            java.util.TreeSet<String> peers = new java.util.TreeSet<>();
            for (Finding f : group) {
                count += f.count();
                from = f.firstSeen().compareTo(from) < 0 ? f.firstSeen() : from;
                to = f.lastSeen().compareTo(to) > 0 ? f.lastSeen() : to;
                peers.add(f.peer().ip());
            }
            Map<String, Object> ev = new LinkedHashMap<>(first.evidence());
            ev.put("missing_entry", proto(first) + "/" + first.peer().port() + " to " + peers.size() + " peers ("
                    + String.join(", ", peers.stream().limit(PORTS_NAMED).toList()) + (peers.size() > PORTS_NAMED ? ", …" : "")
                    + ")");
            ev.put("peers", peers.size());
            out.add(new Finding(first.type(), first.severity(), first.title(), first.device(), null, from, to, count, ev,
                    first.standards(), first.remediation()));
        }
        return out;
    }

    private static Finding folded(List<Finding> group) {
        Finding first = group.get(0);
        long count = 0;
        String from = first.firstSeen();
        String to = first.lastSeen();
        List<Integer> ports = new ArrayList<>();
        List<Object> samples = new ArrayList<>();
        for (Finding f : group) {
            count += f.count();
            from = f.firstSeen().compareTo(from) < 0 ? f.firstSeen() : from;
            to = f.lastSeen().compareTo(to) > 0 ? f.lastSeen() : to;
            if (f.peer() != null && f.peer().port() != null) {
                ports.add(f.peer().port());
            }
            Object s = f.evidence().get("flows");
            if (s instanceof List<?> l && samples.size() < 5) {
                l.stream().limit(5 - samples.size()).forEach(samples::add);
            }
        }
        java.util.Collections.sort(ports);
        String entry = String.valueOf(first.evidence().get("missing_entry"));
        int cut = entry.lastIndexOf(' ');
        String named = String.join(",", ports.stream().limit(PORTS_NAMED).map(String::valueOf).toList())
                + (ports.size() > PORTS_NAMED ? ",…" : "");
        Map<String, Object> ev = new LinkedHashMap<>(first.evidence());
        ev.put("missing_entry", (cut > 0 ? entry.substring(0, cut) : entry) + " " + proto(first) + "/" + named + " ("
                + ports.size() + " ports)");
        ev.put("ports", ports.size());
        ev.put("flows", samples);
        return new Finding(first.type(), first.severity(), first.title(), first.device(), new Finding.Peer(
                first.peer() == null ? null : first.peer().ip(), null, first.peer() == null ? null : first.peer().host()),
                from, to, count, ev, first.standards(), first.remediation());
    }

    /** The protocol of a violation's missing entry ("udp" of "… udp/1787"). */
    private static String proto(Finding f) {
        String entry = String.valueOf(f.evidence().get("missing_entry"));
        String last = entry.substring(entry.lastIndexOf(' ') + 1);
        int slash = last.indexOf('/');
        return slash > 0 ? last.substring(0, slash) : last;
    }
}
