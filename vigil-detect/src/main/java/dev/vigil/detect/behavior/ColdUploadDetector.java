package dev.vigil.detect.behavior;

import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Endpoint;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.detect.inventory.Device;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Ip;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Large uploads before a device has a baseline (MITRE ATT&CK T1041, T1048): the behaviour profile
 * reports uploads to new destinations only after {@code profile.learning}, so a device that joins
 * and sends tens of MB out within its first hour (a freshly infected camera shipping its recordings,
 * a planted device) would pass. Cold start falls back to the device's kind and the population: an
 * upload of at least {@code exfil.min_bytes} that sends {@code exfil.min_ratio} times what it
 * receives, to an uncommon port or an address no DNS answer named, and {@code exfil.min_ratio} times
 * more than any other device of its type (or, with none, of the network) ever sent to one
 * destination, is {@code exfil.large_upload}; with no other device at all, an upload over TCP to an
 * uncommon port is. Devices whose kind does this (cameras uploading clips to their cloud on 443)
 * teach it through their peers.
 */
public final class ColdUploadDetector implements Detector, Bounded, java.io.Serializable {

    static final int MAX_KEYS = 200_000;

    private final FindingRecorder findings;
    private final FlowMarks marks;
    private final DnsNames names;
    private final long learning;
    private final long minBytes;
    private final double minRatio;
    private final Set<Integer> commonPorts;
    /** First packet time of each client. */
    private final Keyed<Ip, Born> firstSeen = new Keyed<>();
    /** Bytes out and in per client, destination and port; whether it was inside the client's first period. */
    private final Keyed<Key, Upload> uploads = new Keyed<>();

    /** When a client was first and last seen. */
    private static final class Born extends Recent {
        long first = Long.MAX_VALUE;

        @Override
        public long bytes() {
            return 32;
        }
    }

    private static final class Upload extends SeriesValue {
        long out;
        long in;
        long first = Long.MAX_VALUE;
        boolean cold;
        boolean tcp;
        final Series flows = new Series(1024);

        @Override
        Series series() {
            return flows;
        }

        @Override
        long ownBytes() {
            return 64;
        }
    }

    @Override
    public java.util.List<Keyed<?, ?>> kept() {
        return java.util.List.of(uploads, firstSeen);
    }

    public ColdUploadDetector(FindingRecorder findings, DetectionConfig c, DnsNames names, FlowMarks marks) {
        this.findings = findings;
        this.marks = marks;
        this.names = names;
        this.learning = c.nanos("profile.learning");
        this.minBytes = c.integer("exfil.min_bytes");
        this.minRatio = c.number("exfil.min_ratio");
        this.commonPorts = c.portSet("beacon.common_ports");
    }

    @Override
    public void accept(Event e) {
        if (!(e instanceof FlowEnded f) || f.flow().clientIp() == null || !Flows.unicast(f.flow().serverIp())) {
            return;
        }
        FlowMeta m = f.flow();
        if (firstSeen.size() < MAX_KEYS || firstSeen.containsKey(m.clientIp())) {
            Born b = firstSeen.computeIfAbsent(m.clientIp(), k -> new Born());
            b.first = Math.min(b.first, f.firstSeen());
            b.seen(f.ts());
        }
        if (Flows.privateish(m.serverIp()) || f.clientPayloadBytes() == 0) {
            return;
        }
        Key k = new Key(m.clientIp(), m.serverIp(), m.serverPort(), 0);
        if (uploads.size() >= MAX_KEYS && !uploads.containsKey(k)) {
            return;
        }
        Upload u = uploads.computeIfAbsent(k, x -> new Upload());
        u.tcp |= m.transport() == dev.vigil.engine.flow.Transport.TCP;
        u.out += f.clientPayloadBytes();
        u.in += f.serverPayloadBytes();
        u.first = Math.min(u.first, f.firstSeen());
        Born born = firstSeen.get(m.clientIp());
        u.cold |= born != null && f.firstSeen() < born.first + learning;
        u.flows.add(f.firstSeen(), m.serverPort(), false, marks == null ? 0 : m.id());
    }

    @Override
    public void finish(DeviceIndex devices) {
        // the largest upload to one destination of each device, and its type
        Map<Ip, Long> largest = new HashMap<>();
        for (Map.Entry<Key, Upload> e : uploads.entrySet()) {
            largest.merge(e.getKey().a(), e.getValue().out, Math::max);
        }
        for (Map.Entry<Key, Upload> e : Candidates.of(uploads, u -> u.cold && u.out >= minBytes && u.out >= minRatio * Math.max(1, u.in))) {
            Upload u = e.getValue();
            Ip client = e.getKey().a();
            Ip server = e.getKey().b();
            int port = e.getKey().x();
            if (!devices.isLocal(client)) {
                continue;
            }
            Device self = devices.byIp(client);
            if (self == null) {
                continue;
            }
            boolean bare = names.any() && names.name(server) == null;
            if (commonPorts.contains(port) && !bare) {
                continue;
            }
            long normal = 0;
            int peers = 0;
            for (boolean sameType : new boolean[] {true, false}) {
                for (Map.Entry<Ip, Long> p : largest.entrySet()) {
                    Device other = devices.byIp(p.getKey());
                    if (p.getKey().equals(client) || other == null || !devices.isLocal(p.getKey()) || other.id().equals(self.id())
                            || sameType && (self.type() == null || !Objects.equals(self.type(), other.type()))) {
                        continue;
                    }
                    normal = Math.max(normal, p.getValue());
                    peers++;
                }
                if (peers > 0) {
                    break;
                }
            }
            // alone on the network, the population is the prior: IoT devices do not send tens of MB over
            // TCP to an uncommon port in their first hour (media streams are UDP, clip uploads go to 443)
            if (peers == 0 && (!u.tcp || commonPorts.contains(port)) || u.out < minRatio * Math.max(1, normal)) {
                continue;
            }
            String dest = server + ":" + port;
            FindingRecorder.Draft d = findings.record("exfil.large_upload", Endpoint.of(client), new Endpoint(server, null,
                    port), names.name(server), dest, u.first);
            if (d == null) {
                continue;
            }
            d.span(u.first, u.flows.last(), u.flows.total());
            d.evidence.put("destination", dest);
            d.evidence.put("bytes_out", u.out);
            d.evidence.put("bytes_in", u.in);
            d.evidence.put("cold_start", true);
            d.evidence.put("peers", peers);
            d.evidence.put("peers_largest_upload", normal);
            d.evidence.put("explanation", "sent " + u.out / 1_000_000 + " MB to " + dest + " within its first "
                    + learning / 60_000_000_000L + " minutes on the network, before any baseline; the " + peers
                    + " other device(s) of its kind sent at most " + normal / 1_000 + " kB to any one destination");
            u.flows.markAll(marks, "exfil.large_upload");
        }
    }
}
