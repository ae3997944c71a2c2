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
import java.util.TreeMap;
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
 * a scan that does both is one finding).
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

    /** The crafted shape of the client's segments of one flow, or null for what a stack sends. */
    static String shape(FlowEnded f) {
        String h = f.history() == null ? "" : f.history();
        boolean syn = h.indexOf('S') >= 0;
        boolean fin = h.indexOf('F') >= 0;
        boolean acked = h.indexOf('A') >= 0 || h.indexOf('D') >= 0;
        boolean clientLetters = !h.chars().filter(Character::isUpperCase).findAny().isEmpty();
        if (f.clientPayloadBytes() > 0) {
            return null;
        }
        if (!clientLetters && f.serverPackets() <= f.clientPackets()) {
            // the client's segments carried no SYN, ACK, FIN, RST or data: no flags at all
            return "null";
        }
        if (syn && fin && !acked) {
            return "syn+fin";
        }
        if (fin && !syn && !acked && h.indexOf('R') < 0 && firstUpper(h) == 'F') {
            return "fin-without-handshake";
        }
        return null;
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
        for (Probes p : new TreeMap<>(probes).values()) {
            if (p.shapes.size() < MIN_SHAPES || !devices.isLocal(p.src) && !devices.isLocal(p.dst)) {
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
