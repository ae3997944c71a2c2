package dev.vigil.detect.behavior;

import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Endpoint;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.net.Ip;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Victims of reflection and amplification (MITRE ATT&CK T1498.002): somebody forged the victim's
 * address in requests to many open services, and their answers arrive at a host that never asked.
 * What makes it reflection is the answer's protocol and the silence of the victim, not the rate:
 * IKE responders (udp/500, NAT-T udp/4500, RFC 7296 §1.2), DNS resolvers, NTP, memcached, CLDAP and
 * the other amplifiers answer from their service port; web servers answer forged SYNs with SYN-ACKs
 * (RFC 9293 §3.5), to which the victim's stack can only say RST, a backscatter that passes under any
 * rate limit. Many Internet sources answering one device of the network in one protocol, without a
 * single request from it, name the device {@code attack.ddos_target} with the reflected protocol;
 * the finding is the same one the flood detector gives a reflection victim (one attack, one finding).
 */
public final class ReflectionDetector implements Detector, Bounded, java.io.Serializable {

    static final int MAX_KEYS = 50_000;
    /** Reflectors kept per victim and protocol: more than the bound at which it is reported is not needed. */
    static final int MAX_SOURCES = 100_000;
    /** Services that answer a forged request from their port (amplifiers named by US-CERT TA14-017A, and IKE). */
    static final Map<Integer, String> REFLECTED = Map.ofEntries(Map.entry(17, "qotd"), Map.entry(19, "chargen"),
            Map.entry(53, "dns"), Map.entry(123, "ntp"), Map.entry(161, "snmp"), Map.entry(389, "cldap"),
            Map.entry(500, "ike"), Map.entry(4500, "ike"), Map.entry(520, "rip"), Map.entry(1900, "ssdp"),
            Map.entry(3283, "ard"), Map.entry(3702, "wsd"), Map.entry(5683, "coap"), Map.entry(11211, "memcached"),
            Map.entry(37810, "dvr-discovery"), Map.entry(10001, "ubiquiti-discovery"), Map.entry(47808, "bacnet"));

    private final FindingRecorder findings;
    private final FlowMarks marks;
    private final int minSources;
    private final Keyed<String, Answers> answers = new Keyed<>();

    /** Unasked answers to one victim in one protocol. */
    private static final class Answers extends SeriesValue {
        final Ip victim;
        final String protocol;
        final Set<Ip> reflectors = new HashSet<>();
        final Series flows = new Series();
        long packets;
        long bytes;

        Answers(Ip victim, String protocol) {
            this.victim = victim;
            this.protocol = protocol;
        }

        @Override
        Series series() {
            return flows;
        }

        @Override
        long ownBytes() {
            return 128 + reflectors.size() * 48L;
        }
    }


    @Override
    public java.util.List<Keyed<?, ?>> kept() {
        return java.util.List.of(answers);
    }

    public ReflectionDetector(FindingRecorder findings, DetectionConfig c, FlowMarks marks) {
        this.findings = findings;
        this.marks = marks;
        this.minSources = c.integer("ddos.reflection.min_sources");
    }

    @Override
    public void accept(Event e) {
        if (!(e instanceof FlowEnded f)) {
            return;
        }
        FlowMeta m = f.flow();
        if (m.clientIp() == null || !Flows.unicast(m.clientIp()) || !Flows.unicast(m.serverIp())) {
            return;
        }
        if (m.transport() == Transport.UDP) {
            // the answering side is whichever end speaks from the service port; the victim sent nothing
            String asServer = REFLECTED.get(m.serverPort());
            String asClient = REFLECTED.get(m.clientPort());
            if (asServer != null && f.clientPackets() == 0 && f.serverPackets() > 0) {
                add(m.clientIp(), m.serverIp(), asServer, f.serverPackets(), f.serverBytes(), m.id(), f.firstSeen());
            } else if (asClient != null && f.serverPackets() == 0 && f.clientPackets() > 0) {
                add(m.serverIp(), m.clientIp(), asClient, f.clientPackets(), f.clientBytes(), m.id(), f.firstSeen());
            }
        } else if (m.transport() == Transport.TCP && backscatter(f)) {
            add(m.clientIp(), m.serverIp(), "tcp-synack", f.serverPackets(), f.serverBytes(), m.id(), f.firstSeen());
        }
    }

    /** A SYN-ACK the other side never sent a SYN for (the victim may have answered it with RST). */
    static boolean backscatter(FlowEnded f) {
        String h = f.history();
        return h != null && h.indexOf('h') >= 0 && h.indexOf('S') < 0 && f.clientPayloadBytes() == 0
                && f.serverPayloadBytes() == 0;
    }

    private void add(Ip victim, Ip reflector, String protocol, long packets, long bytes, long flow, long ts) {
        if (Flows.privateish(reflector)) {
            // local discovery answers (SSDP, WSD) to a multicast question look alike; reflectors are on the Internet
            return;
        }
        String key = victim + "|" + protocol;
        if (answers.size() >= MAX_KEYS && !answers.containsKey(key)) {
            return;
        }
        Answers a = answers.computeIfAbsent(key, k -> new Answers(victim, protocol));
        if (a.reflectors.size() < MAX_SOURCES) {
            a.reflectors.add(reflector);
        }
        a.packets += packets;
        a.bytes += bytes;
        a.flows.add(ts, reflector, false, marks == null ? 0 : flow);
    }

    @Override
    public void finish(DeviceIndex devices) {
        Map<Ip, java.util.List<Answers>> byVictim = new TreeMap<>(java.util.Comparator.comparing(Ip::toString));
        for (Answers a : answers.values()) {
            if (a.reflectors.size() >= minSources && devices.isLocal(a.victim) && devices.byIp(a.victim) != null
                    && !devices.isLocal(a.reflectors.iterator().next())) {
                byVictim.computeIfAbsent(a.victim, k -> new java.util.ArrayList<>()).add(a);
            }
        }
        for (Map.Entry<Ip, java.util.List<Answers>> e : byVictim.entrySet()) {
            java.util.List<Answers> list = e.getValue();
            list.sort((x, y) -> Long.compare(y.packets, x.packets));
            Answers main = list.get(0);
            long first = list.stream().mapToLong(a -> a.flows.first()).min().orElse(main.flows.first());
            long last = list.stream().mapToLong(a -> a.flows.last()).max().orElse(main.flows.last());
            long flows = list.stream().mapToLong(a -> a.flows.total()).sum();
            long packets = list.stream().mapToLong(a -> a.packets).sum();
            int reflectors = list.stream().mapToInt(a -> a.reflectors.size()).sum();
            // the flood detector's key for a reflection victim: its finding and this one are one
            FindingRecorder.Draft d = findings.record("attack.ddos_target", Endpoint.of(e.getKey()), null, null,
                    "reflection", first);
            if (d == null) {
                continue;
            }
            d.span(first, last, flows);
            d.evidence.put("reflected_protocol", main.protocol);
            d.evidence.put("reflected_protocols", list.stream().map(a -> a.protocol).toList());
            d.evidence.putIfAbsent("kind", "reflection (" + main.protocol + " answers never asked for)");
            d.evidence.putIfAbsent("reflectors", reflectors);
            d.evidence.putIfAbsent("packets", packets);
            d.evidence.putIfAbsent("bytes", list.stream().mapToLong(a -> a.bytes).sum());
            d.evidence.put("explanation", reflectors + " Internet hosts sent " + packets + " " + String.join(", ",
                    list.stream().map(a -> a.protocol).toList()) + " answers this device never asked for: it is the"
                    + " victim of a reflection attack (its address was forged in requests to them)");
            for (Answers a : list) {
                a.flows.markAll(marks, "attack.ddos_target");
            }
        }
    }
}
