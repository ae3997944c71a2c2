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
import java.util.Map;
import java.util.TreeSet;

/**
 * A scan by the shape of its packets, however few ports it touches (MITRE ATT&CK T1046, T1082):
 * OS detection (nmap -O's T2-T7 probes, Xprobe, p0f-style active fingerprinting) sends segments no
 * conforming stack ever opens a connection with, to one open and one closed port, and reads how the
 * target answers. RFC 9293 §3.10.7 has a stack open with SYN alone and set ACK on every later
 * segment, so a first segment with no flags at all (NULL), with SYN and FIN together, or with FIN
 * (alone, or with PSH and URG: "Xmas") and no handshake before it, is crafted. One malformed flow
 * can be a broken middlebox; {@link #MIN_SHAPES} different crafted shapes from one source to one
 * host are a probe set, reported as {@code attack.scan_vertical} (the port-count scan's finding, so
 * a scan that does both is one finding). Beyond the flags, nmap's SEQ and ECN probes are SYNs offering
 * a window of a few bytes, the ECN one with an urgent pointer but no URG and a reserved bit set, and its T4 and T6 probes
 * are lone ACKs the target can only reset: each is a shape of its own, so probing that sends only
 * SYNs is still seen.
 */
public final class ProbeShapeDetector implements Detector, Bounded, java.io.Serializable {

    static final int MAX_KEYS = 100_000;
    /** Different crafted shapes from one source to one host: nmap -O sends three, a stealth scan one. */
    static final int MIN_SHAPES = 2;

    private final FindingRecorder findings;
    private final FlowMarks marks;
    private final long window;
    private final Keyed<Key, Probes> probes = new Keyed<>();

    /** Crafted segments of one source to one host. */
    private static final class Probes extends SeriesValue {
        final Ip src;
        final Ip dst;
        final Series series = new Series(1024);
        final TreeSet<String> shapes = new TreeSet<>();
        final TreeSet<Integer> ports = new TreeSet<>();

        Probes(Ip src, Ip dst) {
            this.src = src;
            this.dst = dst;
        }

        @Override
        Series series() {
            return series;
        }

        @Override
        long ownBytes() {
            return 160 + shapes.size() * 56L + ports.size() * 40L;
        }
    }


    @Override
    public java.util.List<Keyed<?, ?>> kept() {
        return java.util.List.of(probes);
    }

    public ProbeShapeDetector(FindingRecorder findings, DetectionConfig c, FlowMarks marks) {
        this.findings = findings;
        this.marks = marks;
        this.window = c.nanos("scan.window");
    }

    @Override
    public void accept(Event e) {
        if (!(e instanceof FlowEnded f) || f.flow().transport() != Transport.TCP || f.clientPackets() == 0) {
            return;
        }
        String shape = shape(f);
        if (shape == null) {
            return;
        }
        FlowMeta m = f.flow();
        if (m.clientIp() == null || !Flows.unicast(m.serverIp())) {
            return;
        }
        Key k = new Key(m.clientIp(), m.serverIp(), 0, 0);
        if (probes.size() >= MAX_KEYS && !probes.containsKey(k)) {
            return;
        }
        Probes p = probes.computeIfAbsent(k, x -> new Probes(m.clientIp(), m.serverIp()));
        p.series.add(f.firstSeen(), shape, true, marks == null ? 0 : m.id());
        p.shapes.add(shape);
        if (p.ports.size() < 1000) {
            p.ports.add(m.serverPort());
        }
    }

    /**
     * The crafted shape of the client's segments of one flow, or null for what a stack sends: its
     * flags (see the class comment; from flow logs also Zeek's Q and I history letters, a SYN with FIN
     * or RST and a FIN with RST), a lone ACK with no handshake that the server can only reset (an ACK
     * probe: nmap's T4 and T6, an ACK scan), and header fields no stack writes (a SYN offering a
     * window of a few bytes, an urgent pointer without URG, a reserved bit: nmap's SEQ and ECN
     * probes). A flow with several is one shape naming them all.
     */
    static String shape(FlowEnded f) {
        if (f.clientPayloadBytes() > 0) {
            return null;
        }
        String flags = flagShape(f, f.history() == null ? "" : f.history());
        int c = f.clientCrafted();
        if (c == 0) {
            return flags;
        }
        StringBuilder sb = new StringBuilder(flags == null ? "" : flags);
        crafted(sb, c, FlowEnded.CRAFTED_TINY_SYN_WINDOW, "tiny-window-syn");
        crafted(sb, c, FlowEnded.CRAFTED_URGENT_WITHOUT_URG, "urgent-without-urg");
        crafted(sb, c, FlowEnded.CRAFTED_RESERVED_BITS, "reserved-bits");
        return sb.toString();
    }

    private static void crafted(StringBuilder sb, int c, int bit, String name) {
        if ((c & bit) != 0) {
            sb.append(sb.isEmpty() ? "" : "+").append(name);
        }
    }

    private static String flagShape(FlowEnded f, String h) {
        boolean syn = h.indexOf('S') >= 0;
        boolean fin = h.indexOf('F') >= 0;
        boolean acked = h.indexOf('A') >= 0 || h.indexOf('D') >= 0;
        boolean clientLetters = !h.chars().filter(Character::isUpperCase).findAny().isEmpty();
        if (!clientLetters && f.serverPackets() <= f.clientPackets()) {
            // the client's segments carried no SYN, ACK, FIN, RST or data: no flags at all
            return "null";
        }
        if (syn && fin && !acked || h.indexOf('Q') >= 0) {
            return "syn+fin";
        }
        if (h.indexOf('I') >= 0) {
            return "fin+rst";
        }
        if (fin && !syn && !acked && h.indexOf('R') < 0 && firstUpper(h) == 'F') {
            return "fin-without-handshake";
        }
        if (firstUpper(h) == 'A' && !syn && !fin && h.indexOf('D') < 0 && onlyReset(h) && f.serverPackets() > 0) {
            return "ack-without-handshake";
        }
        return null;
    }

    /** The server's only letter is a reset: nothing it could answer a stray ACK with but RST. */
    private static boolean onlyReset(String h) {
        for (int i = 0; i < h.length(); i++) {
            char ch = h.charAt(i);
            if (Character.isLowerCase(ch) && ch != 'r') {
                return false;
            }
        }
        return h.indexOf('r') >= 0;
    }

    private static char firstUpper(String h) {
        for (int i = 0; i < h.length(); i++) {
            if (Character.isUpperCase(h.charAt(i))) {
                return h.charAt(i);
            }
        }
        return 0;
    }

    @Override
    public void finish(DeviceIndex devices) {
        for (Map.Entry<Key, Probes> e : Candidates.of(probes, x -> x.shapes.size() >= MIN_SHAPES)) {
            Probes p = e.getValue();
            if (!devices.isLocal(p.src) && !devices.isLocal(p.dst)) {
                continue;
            }
            // the shapes must come together, as one probe set does
            Series distinct = new Series();
            for (int i = 0; i < p.series.size; i++) {
                distinct.add(p.series.ts[i], p.series.target[i], true, 0);
            }
            if (distinct.maxDistinctInWindow(window) < MIN_SHAPES) {
                continue;
            }
            FindingRecorder.Draft d = findings.record("attack.scan_vertical", Endpoint.of(p.src), Endpoint.of(p.dst), null,
                    "tcp", p.series.first());
            if (d == null) {
                continue;
            }
            d.span(p.series.first(), p.series.last(), p.series.total());
            d.evidence.putIfAbsent("ports", p.ports.size());
            d.evidence.putIfAbsent("transport", "tcp");
            d.evidence.put("probe_shapes", String.join(",", p.shapes));
            d.evidence.put("crafted_probes", p.series.total());
            d.evidence.put("detected_at", distinct.detectedAt(window, MIN_SHAPES));
            d.evidence.put("explanation", p.series.total() + " crafted TCP probes (" + String.join(", ", p.shapes)
                    + ") from " + p.src + " to " + p.ports.size() + " port(s) of " + p.dst
                    + ": segments no stack opens a connection with, as OS detection sends them (nmap -O)");
            p.series.markAll(marks, "attack.scan_vertical");
        }
    }
}
