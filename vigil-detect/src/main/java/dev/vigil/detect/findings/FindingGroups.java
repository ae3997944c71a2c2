package dev.vigil.detect.findings;

import dev.vigil.engine.event.EventJson;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Findings grouped by device and weakness: one device that speaks only TLS 1.0 to eight servers is
 * one weakness with eight peers, not sixteen rows of two types. findings.jsonl keeps one finding a
 * line; the report, the CLI summary and the service's findings API show these groups, with the counts
 * and the peers inside.
 */
public final class FindingGroups {

    /** Peers listed in a group; {@code peer_count} counts them all. */
    static final int MAX_PEERS = 50;

    /**
     * One weakness of one device.
     *
     * @param device the device (id, MAC, main address of the first finding, its part)
     * @param weakness the catalogue's weakness the types share
     * @param title what it is, for people (the titles of its types)
     * @param severity the worst severity among its findings
     * @param types its finding types, in catalogue order
     * @param findings how many findings (rows of findings.jsonl) it holds
     * @param count how many times it was seen, over all of them
     * @param firstSeen first evidence (ISO-8601)
     * @param lastSeen last evidence (ISO-8601)
     * @param peerCount distinct peers
     * @param peers the peers (at most {@link #MAX_PEERS}), most seen first
     * @param remediation what to do about it
     * @param members the group's findings: their positions in the list grouped (from 0; the line
     *     numbers of findings.jsonl for an analysis), or the keys the caller gave
     */
    public record Group(Finding.DeviceRef device, String weakness, String title, Severity severity, List<String> types,
            int findings, long count, String firstSeen, String lastSeen, int peerCount, List<PeerSeen> peers,
            String remediation, List<String> members) {
    }

    /** A peer of a group, with the occurrences it took part in. */
    public record PeerSeen(String ip, Integer port, String host, long count) {
    }

    private FindingGroups() {
    }

    /** The groups of an analysis's findings; members are their positions in {@code findings}. */
    public static List<Group> of(List<Finding> findings, FindingCatalog catalog) {
        List<String> keys = new ArrayList<>(findings.size());
        for (int i = 0; i < findings.size(); i++) {
            keys.add(String.valueOf(i));
        }
        return of(findings, keys, catalog);
    }

    /**
     * The groups of some findings, worst first (severity, then weakness, then device).
     *
     * @param keys what names each finding in {@code members} (a stored finding's id), in the same order
     */
    public static List<Group> of(List<Finding> findings, List<String> keys, FindingCatalog catalog) {
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            String weakness = catalog.has(f.type()) ? catalog.get(f.type()).weakness() : f.type();
            byKey.computeIfAbsent(f.device().id() + '|' + weakness, k -> new ArrayList<>()).add(i);
        }
        List<String> order = catalog.all().stream().map(FindingType::type).toList();
        List<Group> out = new ArrayList<>();
        for (List<Integer> members : byKey.values()) {
            out.add(group(findings, keys, members, catalog, order));
        }
        out.sort(Comparator.comparing(Group::severity).reversed().thenComparing(Group::weakness)
                .thenComparing(g -> g.device().id()));
        return out;
    }

    private static Group group(List<Finding> all, List<String> keys, List<Integer> members, FindingCatalog catalog,
            List<String> order) {
        Finding head = all.get(members.get(0));
        Severity worst = head.severity();
        LinkedHashSet<String> types = new LinkedHashSet<>();
        long count = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        Map<String, long[]> peerCounts = new TreeMap<>();
        Map<String, Finding.Peer> peerOf = new LinkedHashMap<>();
        List<String> memberKeys = new ArrayList<>();
        for (int i : members) {
            Finding f = all.get(i);
            memberKeys.add(keys.get(i));
            if (f.severity().compareTo(worst) > 0) {
                worst = f.severity();
            }
            types.add(f.type());
            count += f.count();
            first = Math.min(first, EventJson.nanos(f.firstSeen()));
            last = Math.max(last, EventJson.nanos(f.lastSeen()));
            if (f.peer() != null && f.peer().ip() != null) {
                String k = f.peer().ip() + (f.peer().port() == null ? "" : ":" + f.peer().port());
                peerCounts.computeIfAbsent(k, x -> new long[1])[0] += f.count();
                Finding.Peer known = peerOf.get(k);
                peerOf.put(k, known != null && known.host() != null ? known : f.peer());
            }
            // a finding folded over many peers lists a sample of them and counts them all
            if (f.evidence().get("peers_sample") instanceof List<?> sample) {
                for (Object ip : sample) {
                    peerCounts.computeIfAbsent(String.valueOf(ip), x -> new long[1]);
                    peerOf.putIfAbsent(String.valueOf(ip), new Finding.Peer(String.valueOf(ip), null, null));
                }
            }
        }
        int peerCount = peerCounts.size();
        for (Integer i : members) {
            if (all.get(i).evidence().get("peer_count") instanceof Number n) {
                peerCount += Math.max(0, n.intValue() - sampled(all.get(i)));
            }
        }
        List<PeerSeen> peers = peerCounts.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]) != 0 ? Long.compare(b.getValue()[0], a.getValue()[0])
                        : a.getKey().compareTo(b.getKey()))
                .limit(MAX_PEERS).map(e -> {
                    Finding.Peer p = peerOf.get(e.getKey());
                    return new PeerSeen(p.ip(), p.port(), p.host(), e.getValue()[0]);
                }).toList();
        List<String> sortedTypes = types.stream().sorted(Comparator.comparingInt(t -> order.indexOf(t) < 0
                ? Integer.MAX_VALUE : order.indexOf(t))).toList();
        String title = String.join(" / ", sortedTypes.stream().map(t -> catalog.has(t) ? catalog.get(t).title() : t).toList());
        String weakness = catalog.has(head.type()) ? catalog.get(head.type()).weakness() : head.type();
        return new Group(head.device(), weakness, title, worst, sortedTypes, members.size(), count, EventJson.time(first),
                EventJson.time(last), peerCount, peers, head.remediation(), List.copyOf(memberKeys));
    }

    private static int sampled(Finding f) {
        return f.evidence().get("peers_sample") instanceof List<?> l ? l.size() : 0;
    }
}
