package dev.vigil.detect.behavior;

import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Endpoint;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Denial of service, in the three roles a device can have. Participant: it floods one target (SYN,
 * UDP, ICMP or HTTP), one-directional traffic at a high rate. Reflector: a UDP service of it answers
 * one victim with many times the bytes it receives (SSDP, SNMP, DNS, CoAP, NTP, WS-Discovery, …).
 * Target: it is flooded by many sources, or receives answers it never asked for from many
 * amplifiers. Rates are packets over the time the traffic spans, from flow totals.
 */
public final class DdosDetector implements Detector, Bounded, java.io.Serializable {

    static final int MAX_KEYS = 300_000;

    private final FindingRecorder findings;
    private final FlowMarks marks;
    private final long minPackets;
    private final double minRate;
    private final double maxReplyShare;
    private final long minFlows;
    private final double singleFlowRate;
    private final int targetMinSources;
    private final double minAmplification;
    private final long reflectionMinPackets;
    private final Set<Integer> reflectionPorts;
    private final int reflectionMinSources;

    private final Keyed<Key, Volume> pairs = new Keyed<>();
    private final Keyed<Ip, Volume> towards = new Keyed<>();
    private final Keyed<Ip, Volume> unsolicited = new Keyed<>();
    private final Keyed<Key, Volume> reflected = new Keyed<>();
    private final int spoofMinSources;
    private final double spoofMaxRouted;
    /** What left for addresses beyond the private ranges from each hardware address and got no answer, by source address. */
    private final Keyed<Long, Spoof> spoofs = new Keyed<>();
    /** Flows addressed to a hardware address towards a server beyond the private ranges: routed through it. */
    private final Map<Long, Long> routed = new HashMap<>();

    /** Flows that left the network from one hardware address. */
    private static final class Spoof implements Keyed.Kept, java.io.Serializable {
        static final int MAX_SOURCES = 10_000;
        static final int MAX_TARGETS = 1_000;
        final Set<Ip> sources = new HashSet<>();
        final Map<Ip, Long> targets = new HashMap<>();
        long flows;
        long packets;
        long first = Long.MAX_VALUE;
        long last;

        @Override
        public long lastNanos() {
            return last;
        }

        @Override
        public long bytes() {
            return 128 + sources.size() * 48L + targets.size() * 64L;
        }
    }

    /** Traffic totals of a key. */
    private static final class Volume implements Keyed.Kept, java.io.Serializable {
        long packets;
        long replies;
        long bytes;
        long replyBytes;
        long flows;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long synOnly;
        long http;
        final Set<Ip> sources = new HashSet<>();
        Series ids;
        Ip a;
        Ip b;
        int port;
        Transport transport;

        @Override
        public long lastNanos() {
            return last;
        }

        @Override
        public long bytes() {
            return 160 + sources.size() * 48L + (ids == null ? 0 : ids.bytes());
        }

        void add(FlowEnded f, long sent, long answered, long sentBytes, long answeredBytes, FlowMarks marks) {
            packets += sent;
            replies += answered;
            bytes += sentBytes;
            replyBytes += answeredBytes;
            flows++;
            first = Math.min(first, f.firstSeen());
            last = Math.max(last, f.ts());
            if (marks != null) {
                if (ids == null) {
                    ids = new Series(1_000_000);
                }
                ids.add(f.firstSeen(), null, false, f.flow().id());
            }
        }

        double rate() {
            double seconds = Math.max(1.0, (last - first) / 1e9);
            return packets / seconds;
        }
    }


    @Override
    public java.util.List<Keyed<?, ?>> kept() {
        return java.util.List.of(pairs, towards, unsolicited, reflected, spoofs);
    }

    public DdosDetector(FindingRecorder findings, DetectionConfig c, FlowMarks marks) {
        this.findings = findings;
        this.marks = marks;
        this.minPackets = c.integer("ddos.min_packets");
        this.minRate = c.number("ddos.min_rate");
        this.maxReplyShare = c.number("ddos.max_reply_share");
        this.minFlows = c.integer("ddos.min_flows");
        this.singleFlowRate = c.number("ddos.single_flow_rate");
        this.targetMinSources = c.integer("ddos.target.min_sources");
        this.minAmplification = c.number("ddos.reflection.min_amplification");
        this.reflectionMinPackets = c.integer("ddos.reflection.min_packets");
        this.reflectionPorts = c.portSet("ddos.reflection.ports");
        this.reflectionMinSources = c.integer("ddos.reflection.min_sources");
        this.spoofMinSources = c.integer("spoof.min_sources");
        this.spoofMaxRouted = c.number("spoof.max_routed_share");
    }

    @Override
    public void accept(Event e) {
        if (!(e instanceof FlowEnded f)) {
            return;
        }
        FlowMeta m = f.flow();
        if (m.clientIp() == null || m.serverIp() == null) {
            return;
        }
        Transport t = m.transport();
        spoofing(f, m);
        // client -> server volume, per pair and per target
        if (f.clientPackets() > 0) {
            Key k = new Key(m.clientIp(), m.serverIp(), m.ipProtocol(), 0);
            Volume v = volume(pairs, k);
            if (v != null) {
                v.a = m.clientIp();
                v.b = m.serverIp();
                v.transport = t;
                v.add(f, f.clientPackets(), f.serverPackets(), f.clientBytes(), f.serverBytes(), marks);
                if (t == Transport.TCP && f.serverPayloadBytes() == 0 && f.clientPayloadBytes() == 0) {
                    v.synOnly++;
                }
                if ("http".equals(f.service())) {
                    v.http++;
                }
            }
            Volume w = volume(towards, m.serverIp());
            if (w != null) {
                w.transport = t;
                w.add(f, f.clientPackets(), f.serverPackets(), f.clientBytes(), f.serverBytes(), marks);
                if (w.sources.size() < 100_000) {
                    w.sources.add(m.clientIp());
                }
            }
        }
        // answers the client never asked for: it sent nothing, the "server" sent data (reflection victim)
        if (f.clientPackets() == 0 && f.serverPackets() > 0 && reflectionPorts.contains(m.serverPort())
                || f.clientPackets() == 0 && f.serverPackets() > 0 && t == Transport.TCP && f.history().indexOf('h') >= 0) {
            Volume u = volume(unsolicited, m.clientIp());
            if (u != null) {
                u.port = m.serverPort();
                u.transport = t;
                u.add(f, f.serverPackets(), 0, f.serverBytes(), 0, marks);
                if (u.sources.size() < 100_000) {
                    u.sources.add(m.serverIp());
                }
            }
        }
        // a UDP service answering with more than it got
        if (t == Transport.UDP && reflectionPorts.contains(m.serverPort()) && f.serverPackets() > 0) {
            Volume r = volume(reflected, new Key(m.serverIp(), m.clientIp(), m.serverPort(), 0));
            if (r != null) {
                r.a = m.serverIp();
                r.b = m.clientIp();
                r.port = m.serverPort();
                r.add(f, f.serverPackets(), f.clientPackets(), f.serverBytes(), f.clientBytes(), marks);
            }
        }
    }

    /**
     * Records traffic leaving towards addresses beyond the private ranges by the hardware address it
     * came from and its source address, and traffic routed through a hardware address; which
     * sources are the network's own is decided at the end, when the inventory knows.
     */
    private void spoofing(FlowEnded f, FlowMeta m) {
        if (m.serverMac() != null && !Flows.privateish(m.serverIp())) {
            routed.merge(m.serverMac().bits(), 1L, Long::sum);
        }
        // answers to a forged source go to whoever really holds the address, never back to the forger:
        // only flows nothing came back for count (a host or router that holds its addresses gets answers)
        if (m.clientMac() == null || f.clientPackets() == 0 || f.serverPackets() > 0 || Flows.privateish(m.serverIp())
                || !Flows.unicast(m.clientIp()) || !Flows.unicast(m.serverIp())) {
            return;
        }
        long mac = m.clientMac().bits();
        Spoof s = spoofs.get(mac);
        if (s == null) {
            if (spoofs.size() >= MAX_KEYS / 10) {
                return;
            }
            s = new Spoof();
            spoofs.put(mac, s);
        }
        if (s.sources.size() < Spoof.MAX_SOURCES) {
            s.sources.add(m.clientIp());
        }
        if (s.targets.size() < Spoof.MAX_TARGETS || s.targets.containsKey(m.serverIp())) {
            s.targets.merge(m.serverIp(), f.clientPackets(), Long::sum);
        }
        s.flows++;
        s.packets += f.clientPackets();
        s.first = Math.min(s.first, f.firstSeen());
        s.last = Math.max(s.last, f.ts());
    }

    private void spoofed(DeviceIndex devices) {
        for (Map.Entry<Long, Spoof> e : Candidates.of(spoofs, s -> s.sources.size() >= spoofMinSources)) {
            Spoof s = e.getValue();
            long mac = e.getKey();
            List<Ip> forged = s.sources.stream().filter(ip -> !devices.isLocal(ip)).sorted().toList();
            if (forged.size() < spoofMinSources || routed.getOrDefault(mac, 0L) > spoofMaxRouted * s.flows) {
                continue;
            }
            List<Map.Entry<Ip, Long>> out = s.targets.entrySet().stream().filter(t -> !devices.isLocal(t.getKey()))
                    .sorted(Map.Entry.<Ip, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .toList();
            if (out.isEmpty()) {
                continue;
            }
            Mac hw = Mac.of(mac);
            FindingRecorder.Draft d = findings.record("attack.spoofed_source", new Endpoint(null, hw, null), null, null, null,
                    s.first);
            if (d != null) {
                d.span(s.first, s.last, s.flows);
                Map<String, Long> top = new LinkedHashMap<>();
                out.stream().limit(5).forEach(t -> top.put(t.getKey().toString(), t.getValue()));
                d.evidence.put("forged_sources", forged.size());
                if (s.sources.size() >= Spoof.MAX_SOURCES) {
                    d.evidence.put("forged_sources_at_least", true);
                }
                d.evidence.put("sources_sample", forged.stream().limit(10).map(Ip::toString).toList());
                d.evidence.put("packets", s.packets);
                d.evidence.put("targets", top);
                d.evidence.put("routed_flows", routed.getOrDefault(mac, 0L));
                d.evidence.put("explanation", hw + " sent " + s.packets + " packets out of the network from " + forged.size()
                        + (s.sources.size() >= Spoof.MAX_SOURCES ? "+" : "") + " source addresses that are not the network's, "
                        + "mostly to " + out.get(0).getKey() + ", and nothing is routed through it: forged sources");
            }
        }
    }

    private static <K> Volume volume(Map<K, Volume> map, K key) {
        Volume v = map.get(key);
        if (v == null && map.size() < MAX_KEYS) {
            v = new Volume();
            map.put(key, v);
        }
        return v;
    }

    @Override
    public void finish(DeviceIndex devices) {
        spoofed(devices);
        for (Map.Entry<Key, Volume> e : Candidates.of(pairs, v -> v.packets >= minPackets)) {
            Volume v = e.getValue();
            if (v.packets < minPackets || v.rate() < minRate || v.replies > maxReplyShare * v.packets
                    || !devices.isLocal(v.a) || devices.byIp(v.a) == null) {
                continue;
            }
            // a flood: many attempts (SYN, HTTP, UDP to many ports), or one unanswered stream at a high rate
            // (a camera's video stream is one flow too, but it gets answers: RTCP, acknowledgements)
            boolean many = v.flows >= minFlows && (v.transport != Transport.TCP || v.synOnly >= 0.8 * v.flows
                    || v.http >= v.flows / 2);
            boolean blast = v.replies == 0 && v.rate() >= singleFlowRate;
            if (!many && !blast) {
                continue;
            }
            String kind = v.transport == Transport.TCP ? (v.http >= v.flows / 2 ? "HTTP flood"
                    : v.synOnly >= v.flows / 2 ? "SYN flood" : "TCP flood")
                    : v.transport == Transport.UDP ? "UDP flood" : "ICMP flood";
            FindingRecorder.Draft d = findings.record("attack.ddos_participation", Endpoint.of(v.a), Endpoint.of(v.b), null,
                    kind, v.first);
            if (d != null) {
                d.span(v.first, v.last, v.flows);
                d.evidence.put("kind", kind);
                d.evidence.put("packets", v.packets);
                d.evidence.put("packets_per_second", Math.round(v.rate()));
                d.evidence.put("reply_share", ScanDetector.round((double) v.replies / v.packets));
                d.evidence.put("detected_at", EventJson.time(v.first
                        + (long) (1e9 * Math.min(minPackets, v.packets) / Math.max(1, v.rate()))));
                d.evidence.put("explanation", kind + " towards " + v.b + ": " + v.packets + " packets at "
                        + Math.round(v.rate()) + "/s, " + Math.round(100.0 * v.replies / v.packets) + "% answered");
            }
            mark(v, "attack.ddos_participation");
        }
        for (Map.Entry<Ip, Volume> e : Candidates.of(towards, v -> v.packets >= minPackets)) {
            Volume v = e.getValue();
            Ip target = e.getKey();
            if (v.sources.size() < targetMinSources || v.packets < minPackets || v.rate() < minRate
                    || v.replies > maxReplyShare * v.packets || !devices.isLocal(target) || devices.byIp(target) == null) {
                continue;
            }
            FindingRecorder.Draft d = findings.record("attack.ddos_target", Endpoint.of(target), null, null, "flood",
                    v.first);
            if (d != null) {
                d.span(v.first, v.last, v.flows);
                d.evidence.put("kind", v.transport.label() + " flood");
                d.evidence.put("sources", v.sources.size());
                d.evidence.put("packets", v.packets);
                d.evidence.put("packets_per_second", Math.round(v.rate()));
                d.evidence.put("explanation", "flooded by " + v.sources.size() + " sources: " + v.packets + " packets at "
                        + Math.round(v.rate()) + "/s, " + Math.round(100.0 * v.replies / Math.max(1, v.packets))
                        + "% answered (spoofed sources or a botnet)");
            }
            mark(v, "attack.ddos_target");
        }
        for (Map.Entry<Ip, Volume> e : Candidates.of(unsolicited, v -> v.packets >= reflectionMinPackets)) {
            Volume v = e.getValue();
            Ip victim = e.getKey();
            if (v.sources.size() < reflectionMinSources || v.packets < reflectionMinPackets || v.rate() < minRate
                    || !devices.isLocal(victim) || devices.byIp(victim) == null) {
                continue;
            }
            FindingRecorder.Draft d = findings.record("attack.ddos_target", Endpoint.of(victim), null, null, "reflection",
                    v.first);
            if (d != null) {
                d.span(v.first, v.last, v.flows);
                d.evidence.put("kind", "reflection (" + v.transport.label() + " answers never asked for)");
                d.evidence.put("reflectors", v.sources.size());
                d.evidence.put("packets", v.packets);
                d.evidence.put("bytes", v.bytes);
                d.evidence.put("example_port", v.port);
                d.evidence.put("explanation", v.sources.size() + " hosts sent " + v.packets + " answers (" + v.bytes
                        + " bytes) this device never asked for: it is the victim of a reflection attack");
            }
            mark(v, "attack.ddos_target");
        }
        for (Map.Entry<Key, Volume> e : Candidates.of(reflected, v -> v.packets >= reflectionMinPackets)) {
            Volume v = e.getValue();
            double amplification = v.replyBytes == 0 ? Double.POSITIVE_INFINITY : (double) v.bytes / v.replyBytes;
            // the victim is outside: a local resolver answering local clients is doing its job
            if (v.packets < reflectionMinPackets || amplification < minAmplification || !devices.isLocal(v.a)
                    || devices.byIp(v.a) == null || devices.isLocal(v.b)) {
                continue;
            }
            FindingRecorder.Draft d = findings.record("attack.ddos_reflector", Endpoint.of(v.a), Endpoint.of(v.b), null,
                    "udp/" + v.port, v.first);
            if (d != null) {
                d.span(v.first, v.last, v.flows);
                d.evidence.put("port", "udp/" + v.port);
                d.evidence.put("packets_sent", v.packets);
                d.evidence.put("amplification", Double.isInfinite(amplification) ? null : ScanDetector.round(amplification));
                d.evidence.put("explanation", "its udp/" + v.port + " service sent " + v.bytes + " bytes to " + v.b
                        + " in answer to " + v.replyBytes + " bytes: used as an amplifier");
            }
            mark(v, "attack.ddos_reflector");
        }
    }

    private void mark(Volume v, String type) {
        if (v.ids != null) {
            v.ids.markAll(marks, type);
        }
    }
}
