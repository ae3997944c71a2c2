package dev.vigil.detect.behavior;

import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Endpoint;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import dev.vigil.engine.proto.arp.ArpMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scanning, both ways. A device of the network that probes many hosts on one port (horizontal; on
 * telnet ports the Mirai pattern), many ports of one host (vertical), sweeps with ICMP echo or asks
 * ARP for many addresses is doing what compromised IoT devices do. A device that receives
 * unsolicited connections from many Internet hosts is being attacked from outside. Only attempts
 * that did not become conversations count towards scans, so ordinary busy clients do not.
 */
public final class ScanDetector implements Detector, Bounded, java.io.Serializable {

    static final int MAX_KEYS = 200_000;

    private final FindingRecorder findings;
    private final FlowMarks marks;
    private final Scans scans;
    private final DnsNames names;
    private final long window;
    private final int minHosts;
    private final int minPorts;
    private final int minStealth;
    private final Map<Key, java.util.Set<Integer>> stealth = new HashMap<>();
    private final int minIcmp;
    private final int minArp;
    private final double minFailed;
    private final int inboundMinSources;
    private final Set<Integer> telnetPorts;

    private final Keyed<Key, Series> horizontal = new Keyed<>();
    private final Keyed<Key, Series> vertical = new Keyed<>();
    private final Keyed<Ip, Series> icmp = new Keyed<>();
    private final Keyed<Long, Series> arp = new Keyed<>();
    private final Keyed<Ip, Inbound> inbound = new Keyed<>();

    @Override
    public List<Keyed<?, ?>> kept() {
        return List.of(horizontal, vertical, icmp, arp, inbound);
    }

    @Override
    public void pruned(long cutNanos) {
        stealth.keySet().retainAll(vertical.keySet());
    }

    /** @param scans where the scans found are noted for the detectors that finish after this one */
    public ScanDetector(FindingRecorder findings, DetectionConfig c, DnsNames names, FlowMarks marks, Scans scans) {
        this.findings = findings;
        this.scans = scans;
        this.names = names;
        this.marks = marks;
        this.window = c.nanos("scan.window");
        this.minHosts = c.integer("scan.horizontal.min_hosts");
        this.minPorts = c.integer("scan.vertical.min_ports");
        this.minStealth = c.integer("scan.stealth.min_ports");
        this.minIcmp = c.integer("scan.icmp.min_hosts");
        this.minArp = c.integer("scan.arp.min_targets");
        this.minFailed = c.number("scan.min_failed_share");
        this.inboundMinSources = c.integer("inbound.min_sources");
        this.telnetPorts = c.portSet("scan.telnet_ports");
    }

    @Override
    public void accept(Event e) {
        switch (e) {
            case FlowEnded f -> flow(f);
            case ArpMessage a -> arp(a);
            default -> {
            }
        }
    }

    private void flow(FlowEnded f) {
        var m = f.flow();
        // the client must have sent something: answers that arrive unasked (reflection) are no scan
        // a client that answers SYN-ACKs it never asked for with RST is a reflection victim, not a scanner
        if (!Flows.unicast(m.serverIp()) || m.clientIp() == null || f.clientPackets() == 0 || ReflectionDetector.backscatter(f)) {
            return;
        }
        long id = marks == null ? 0 : m.id();
        Transport t = m.transport();
        boolean failed = Flows.failed(f);
        if (t == Transport.ICMP || t == Transport.ICMP6) {
            // Zeek and Vigil both keep the ICMP type in the client port: 8 and 128 are echo requests
            if (m.clientPort() == 8 || m.clientPort() == 128) {
                series(icmp, m.clientIp()).add(f.firstSeen(), m.serverIp(), failed, id);
            }
        } else {
            // every attempt on the port is kept (a scanner's successful logins belong to its sweep), but
            // a sweep needs most attempts to fail, so busy clients of one service do not qualify
            Key hk = new Key(m.clientIp(), null, m.ipProtocol(), m.serverPort());
            Series hs = horizontal.get(hk);
            if (hs == null && horizontal.size() < MAX_KEYS) {
                hs = new Series();
                horizontal.put(hk, hs);
            }
            if (hs != null) {
                boolean attempt = failed || !Flows.conversed(f);
                if (attempt || hs.failures > 0) {
                    hs.add(f.firstSeen(), m.serverIp(), attempt, id);
                } else {
                    // conversations before any failure: counted, not kept (most keys never see a failure)
                    hs.passed(f.firstSeen());
                }
            }
            Key vk = new Key(m.clientIp(), m.serverIp(), m.ipProtocol(), 0);
            if ((failed || !Flows.conversed(f)) && (vertical.size() < MAX_KEYS || vertical.containsKey(vk))) {
                vertical.computeIfAbsent(vk, k -> new Series()).add(f.firstSeen(), m.serverPort(), failed, id);
                if (stealthProbe(f)) {
                    java.util.Set<Integer> ports = stealth.computeIfAbsent(vk, k -> new java.util.HashSet<>());
                    if (ports.size() < 1000) {
                        ports.add(m.serverPort());
                    }
                }
            }
        }
        // unsolicited inbound: every flow somebody started towards an address (judged at the end)
        if (inbound.size() < MAX_KEYS || inbound.containsKey(m.serverIp())) {
            Inbound in = inbound.computeIfAbsent(m.serverIp(), k -> new Inbound());
            if (in.sources.size() < 100_000) {
                in.sources.merge(m.clientIp(), 1, Integer::sum);
            }
            in.ports.merge(m.serverPort(), 1, Integer::sum);
            if (marks != null) {
                in.flows.add(f.firstSeen(), m.clientIp(), false, m.id());
            }
            in.first = Math.min(in.first, f.firstSeen());
            in.last = Math.max(in.last, f.ts());
            in.count++;
            if (Flows.conversed(f)) {
                in.answered++;
            }
        }
    }

    /**
     * A TCP flow the client opened without a SYN, with FIN, with no flags or with FIN+PSH+URG: the
     * FIN, NULL and Xmas probes of stealth scanners (RFC 793 §3.9: a closed port answers RST).
     */
    private static boolean stealthProbe(FlowEnded f) {
        String h = f.history();
        return f.flow().transport() == Transport.TCP && f.clientPayloadBytes() == 0 && h != null && !h.isEmpty()
                && h.indexOf('S') < 0 && h.indexOf('A') < 0 && h.indexOf('D') < 0
                && (h.charAt(0) == 'F' || h.charAt(0) == 'r' || h.charAt(0) == 'R');
    }

    private static <K> Series series(Map<K, Series> map, K key) {
        return map.size() < MAX_KEYS || map.containsKey(key) ? map.computeIfAbsent(key, k -> new Series()) : new Series();
    }

    private void arp(ArpMessage a) {
        // requests (op 1) for other addresses; probes and announcements are not scanning
        if (a.op() != 1 || a.senderMac() == null || a.targetIp() == null || a.targetIp().equals(a.senderIp())
                || a.senderIp() == null || a.senderIp().isUnspecified()) {
            return;
        }
        series(arp, a.senderMac().bits()).add(a.ts(), a.targetIp(), false, 0);
    }

    @Override
    public void finish(DeviceIndex devices) {
        scans.clear();
        // horizontal: every port a source swept, one finding per source (telnet sweeps on their own)
        Map<String, List<Object[]>> sweeps = new TreeMap<>();
        for (Map.Entry<Key, Series> e : Candidates.of(horizontal, s -> s.total() >= minHosts)) {
            Ip src = e.getKey().a();
            String[] k = {src.toString(), proto(e.getKey().x()), String.valueOf(e.getKey().y())};
            Series s = e.getValue();
            if (s.total() < minHosts || !devices.isLocal(src) || s.failedShare() < minFailed) {
                continue;
            }
            // hosts a DNS answer named were looked up, not picked at random: a device retrying its cloud
            // across the addresses of one name is no scanner
            Series unnamed = s;
            if (names.any() && names.anyOf(s)) {
                unnamed = new Series();
                for (int i = 0; i < s.size; i++) {
                    if (names.name((Ip) s.target[i]) == null) {
                        unnamed.add(s.ts[i], s.target[i], s.failed[i], s.flow[i]);
                    }
                }
            }
            int peak = unnamed.maxDistinctInWindow(window);
            if (peak < minHosts) {
                continue;
            }
            int port = Integer.parseInt(k[2]);
            boolean telnet = k[1].equals("tcp") && telnetPorts.contains(port);
            String type = telnet ? "attack.telnet_scan" : "attack.scan_horizontal";
            sweeps.computeIfAbsent(type + "|" + k[0], x -> new ArrayList<>()).add(new Object[] {k[1] + "/" + port, s, peak,
                unnamed.timeReaching(window, minHosts)});
            java.util.Set<Object> swept = new java.util.HashSet<>();
            for (int i = 0; i < s.size; i++) {
                swept.add(s.target[i]);
            }
            scans.horizontal(src, k[1] + "/" + port, swept);
            s.markAll(marks, type);
        }
        for (Map.Entry<String, List<Object[]>> e : sweeps.entrySet()) {
            String[] k = e.getKey().split("\\|");
            String type = k[0];
            Ip src = Ip.parse(k[1]);
            List<Object[]> ports = e.getValue();
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            long attempts = 0;
            int peak = 0;
            long detected = Long.MAX_VALUE;
            java.util.Set<Object> hosts = new java.util.HashSet<>();
            long failed = 0;
            for (Object[] p : ports) {
                Series s = (Series) p[1];
                first = Math.min(first, s.first());
                last = Math.max(last, s.last());
                attempts += s.total();
                failed += s.failures;
                peak = Math.max(peak, (Integer) p[2]);
                detected = Math.min(detected, (Long) p[3]);
                for (int i = 0; i < s.size; i++) {
                    hosts.add(s.target[i]);
                }
            }
            List<String> portNames = ports.stream().map(p -> (String) p[0]).limit(20).toList();
            FindingRecorder.Draft d = findings.record(type, Endpoint.of(src), null, null, null, first);
            if (d != null) {
                d.span(first, last, attempts);
                d.evidence.put("ports", portNames);
                d.evidence.put("port_count", ports.size());
                d.evidence.put("hosts", hosts.size());
                d.evidence.put("peak_hosts_per_window", peak);
                d.evidence.put("window_seconds", window / 1_000_000_000L);
                d.evidence.put("failed_share", round((double) failed / attempts));
                d.evidence.put("targets_sample", hosts.stream().map(String::valueOf).sorted().limit(8).toList());
                d.evidence.put("detected_at", EventJson.time(detected));
                d.evidence.put("explanation", (type.equals("attack.telnet_scan") ? "Mirai-style telnet scanning: " : "")
                        + attempts + " connection attempts to " + hosts.size() + " hosts on " + ports.size() + " port(s) "
                        + portNames.subList(0, Math.min(5, portNames.size())) + ", up to " + peak + " hosts within "
                        + window / 1_000_000_000L + " s, " + Math.round(100.0 * failed / attempts) + "% unanswered");
            }
        }
        for (Map.Entry<Key, Series> e : Candidates.of(vertical, s -> s.total() >= Math.min(minPorts, minStealth))) {
            Ip src = e.getKey().a();
            String[] k = {src.toString(), e.getKey().b().toString(), proto(e.getKey().x())};
            Series s = e.getValue();
            int stealthy = stealth.getOrDefault(e.getKey(), java.util.Set.of()).size();
            boolean sneaky = stealthy >= minStealth;
            if ((s.total() < minPorts && !sneaky) || !devices.isLocal(src) || s.failedShare() < minFailed) {
                continue;
            }
            int peak = s.maxDistinctInWindow(window);
            if (peak < minPorts && !sneaky) {
                continue;
            }
            scans.vertical(src, e.getKey().b());
            FindingRecorder.Draft d = findings.record("attack.scan_vertical", Endpoint.of(src), Endpoint.of(Ip.parse(k[1])),
                    null, k[2], s.first());
            if (d != null) {
                d.span(s.first(), s.last(), s.total());
                d.evidence.put("ports", s.distinct());
                d.evidence.put("peak_ports_per_window", peak);
                d.evidence.put("transport", k[2]);
                d.evidence.put("failed_share", round(s.failedShare()));
                if (stealthy > 0) {
                    d.evidence.put("stealth_probed_ports", stealthy);
                }
                String at = s.detectedAt(window, sneaky ? Math.min(minPorts, minStealth) : minPorts);
                if (at != null) {
                    d.evidence.put("detected_at", at);
                }
                d.evidence.put("explanation", "probed " + s.distinct() + " " + k[2] + " ports of " + k[1] + ", up to " + peak
                        + " within " + window / 1_000_000_000L + " s"
                        + (sneaky ? ", " + stealthy + " of them with FIN/NULL/Xmas segments (stealth scan)" : ""));
            }
            s.markAll(marks, "attack.scan_vertical");
        }
        for (Map.Entry<Ip, Series> e : Candidates.of(icmp, s -> s.total() >= minIcmp)) {
            Series s = e.getValue();
            if (s.total() < minIcmp || !devices.isLocal(e.getKey())) {
                continue;
            }
            int peak = s.maxDistinctInWindow(window);
            if (peak < minIcmp) {
                continue;
            }
            FindingRecorder.Draft d = findings.record("attack.scan_icmp", Endpoint.of(e.getKey()), null, null, null,
                    s.first());
            if (d != null) {
                d.span(s.first(), s.last(), s.total());
                d.evidence.put("hosts", s.distinct());
                d.evidence.put("peak_hosts_per_window", peak);
                d.evidence.put("answered_share", round(1 - s.failedShare()));
                d.evidence.put("detected_at", s.detectedAt(window, minIcmp));
                d.evidence.put("explanation", "ICMP echo requests to " + s.distinct() + " hosts, up to " + peak + " within "
                        + window / 1_000_000_000L + " s");
            }
            s.markAll(marks, "attack.scan_icmp");
        }
        for (Map.Entry<Long, Series> e : Candidates.of(arp, s -> s.total() >= minArp)) {
            Series s = e.getValue();
            if (s.total() < minArp) {
                continue;
            }
            int peak = s.maxDistinctInWindow(window);
            if (peak < minArp) {
                continue;
            }
            FindingRecorder.Draft d = findings.record("attack.scan_arp", new Endpoint(null, Mac.of(e.getKey()), null), null,
                    null, null, s.first());
            if (d != null) {
                d.span(s.first(), s.last(), s.total());
                d.evidence.put("addresses_asked", s.distinct());
                d.evidence.put("peak_per_window", peak);
                d.evidence.put("detected_at", s.detectedAt(window, minArp));
                d.evidence.put("explanation", "ARP requests for " + s.distinct() + " addresses, up to " + peak + " within "
                        + window / 1_000_000_000L + " s: mapping the local network");
            }
        }
        inbound(devices);
    }

    private void inbound(DeviceIndex devices) {
        for (Map.Entry<Ip, Inbound> e : new TreeMap<>(inbound).entrySet()) {
            Ip dst = e.getKey();
            if (!devices.isLocal(dst) || devices.byIp(dst) == null) {
                continue;
            }
            Inbound in = e.getValue();
            Map<Ip, Integer> outside = new LinkedHashMap<>();
            for (Map.Entry<Ip, Integer> s : in.sources.entrySet()) {
                if (!devices.isLocal(s.getKey())) {
                    outside.put(s.getKey(), s.getValue());
                }
            }
            if (outside.size() < inboundMinSources) {
                continue;
            }
            FindingRecorder.Draft d = findings.record("attack.inbound", Endpoint.of(dst), null, null, null, in.first);
            if (d != null) {
                long fromOutside = outside.values().stream().mapToLong(Integer::longValue).sum();
                d.span(in.first, in.last, fromOutside);
                d.evidence.put("sources", outside.size());
                d.evidence.put("connections", fromOutside);
                d.evidence.put("top_ports", top(in.ports, 8));
                d.evidence.put("sources_sample", outside.keySet().stream().map(Ip::toString).sorted().limit(8).toList());
                d.evidence.put("explanation", outside.size() + " Internet hosts started " + fromOutside
                        + " connections to this device (top ports " + top(in.ports, 5).keySet() + ")");
            }
            if (marks != null) {
                // the flows of outside sources only: what the device itself started stays unmarked
                for (int i = 0; i < in.flows.size; i++) {
                    if (outside.containsKey((Ip) in.flows.target[i])) {
                        marks.mark(in.flows.flow[i], "attack.inbound");
                    }
                }
            }
        }
    }

    static Map<String, Integer> top(Map<Integer, Integer> counts, int n) {
        Map<String, Integer> out = new LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> b.getValue() != a.getValue().intValue()
                ? Integer.compare(b.getValue(), a.getValue()) : Integer.compare(a.getKey(), b.getKey()))
                .limit(n).forEach(x -> out.put(String.valueOf(x.getKey()), x.getValue()));
        return out;
    }

    static String proto(int ipProtocol) {
        return Transport.of(ipProtocol).label();
    }

    static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
