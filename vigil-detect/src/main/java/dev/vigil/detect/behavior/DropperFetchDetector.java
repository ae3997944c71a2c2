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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Malware fetched from the address that gives the orders (MITRE ATT&CK T1105, Ingress Tool
 * Transfer): IoT bots take an update or a new stage as a command on their C2 channel and fetch it at
 * once with wget or tftp from the same server (Mirai's loader, Gafgyt's and Mozi's update commands),
 * over plain HTTP, binaries of tens to hundreds of KB, under names that say nothing. Visible in flow
 * records alone: while a device holds a session to a bare address on an uncommon port (not
 * {@code beacon.common_ports}), or minutes after it, it downloads over HTTP from that same address. Reported as {@code c2.malware_download}.
 */
public final class DropperFetchDetector implements Detector, Bounded, java.io.Serializable {

    static final int MAX_KEYS = 100_000;
    /** A bot binary or stage: ELF builds for one architecture are tens to hundreds of KB (a page is smaller). */
    static final long MIN_BINARY_BYTES = 10_000;
    /** ...and a few MB at most; more is a firmware image or content, not a dropper's payload. */
    static final long MAX_BINARY_BYTES = 5_000_000;
    /** Plain HTTP ports a dropper fetches from (wget's default and the common alternative). */
    static final java.util.Set<Integer> HTTP_PORTS = java.util.Set.of(80, 8080);
    /** A fetch follows the order within seconds; a session that closed this long before still carried it. */
    static final long ORDER_TO_FETCH_NANOS = 300_000_000_000L;

    private final FindingRecorder findings;
    private final FlowMarks marks;
    private final DnsNames names;
    private final java.util.Set<Integer> commonPorts;
    /** Per client and server: HTTP downloads {start, bytes, flow} and other sessions {start, end, port}. */
    private final Keyed<Key, Pair> pairs = new Keyed<>();

    private static final class Pair extends Recent {
        final List<long[]> downloads = new ArrayList<>();
        final List<long[]> channels = new ArrayList<>();

        @Override
        public long bytes() {
            return 96 + downloads.size() * 56L + channels.size() * 64L;
        }
    }

    public DropperFetchDetector(FindingRecorder findings, DetectionConfig c, DnsNames names, FlowMarks marks) {
        this.findings = findings;
        this.marks = marks;
        this.names = names;
        this.commonPorts = c.portSet("beacon.common_ports");
    }

    @Override
    public java.util.List<Keyed<?, ?>> kept() {
        return java.util.List.of(pairs);
    }

    @Override
    public void accept(Event e) {
        if (!(e instanceof FlowEnded f) || f.flow().transport() != Transport.TCP || f.flow().clientIp() == null
                || !Flows.unicast(f.flow().serverIp()) || Flows.privateish(f.flow().serverIp()) || !Flows.conversed(f)) {
            return;
        }
        FlowMeta m = f.flow();
        Key k = new Key(m.clientIp(), m.serverIp(), 0, 0);
        if (pairs.size() >= MAX_KEYS && !pairs.containsKey(k)) {
            return;
        }
        Pair p = pairs.computeIfAbsent(k, x -> new Pair());
        p.seen(f.ts());
        boolean http = "http".equals(f.service()) || f.service() == null && HTTP_PORTS.contains(m.serverPort());
        if (http) {
            if (f.serverPayloadBytes() >= MIN_BINARY_BYTES && f.serverPayloadBytes() <= MAX_BINARY_BYTES
                    && f.serverPayloadBytes() > f.clientPayloadBytes() && p.downloads.size() < 1000) {
                p.downloads.add(new long[] {f.firstSeen(), f.serverPayloadBytes(), m.id()});
            }
        } else if (!commonPorts.contains(m.serverPort()) && p.channels.size() < 1000) {
            // a web client's HTTPS to the same CDN address is no order channel: only uncommon ports are
            p.channels.add(new long[] {f.firstSeen(), f.ts(), m.serverPort(), m.id()});
        }
    }

    @Override
    public void finish(DeviceIndex devices) {
        for (Map.Entry<Key, Pair> e : Candidates.of(pairs, p -> !p.downloads.isEmpty() && !p.channels.isEmpty())) {
            Pair p = e.getValue();
            Ip client = e.getKey().a();
            Ip server = e.getKey().b();
            if (!devices.isLocal(client) || devices.byIp(client) == null) {
                continue;
            }
            // the server must be one the device reached by address: a named cloud serves both ways legitimately
            if (names.any() && names.name(server) != null) {
                continue;
            }
            List<long[]> taken = new ArrayList<>();
            long[] channel = null;
            for (long[] dl : p.downloads) {
                for (long[] c : p.channels) {
                    // the order came first, on a channel still open (or just closed) when the download began
                    if (c[0] <= dl[0] && dl[0] <= c[1] + ORDER_TO_FETCH_NANOS) {
                        taken.add(dl);
                        channel = c;
                        break;
                    }
                }
            }
            if (taken.isEmpty()) {
                continue;
            }
            long bytes = taken.stream().mapToLong(x -> x[1]).sum();
            FindingRecorder.Draft d = findings.record("c2.malware_download", Endpoint.of(client), new Endpoint(server, null,
                    80), null, "from-c2", taken.get(0)[0]);
            if (d == null) {
                continue;
            }
            d.span(taken.get(0)[0], taken.get(taken.size() - 1)[0], taken.size());
            d.evidence.put("downloads", taken.size());
            d.evidence.put("bytes", bytes);
            d.evidence.put("sizes", taken.stream().map(x -> x[1]).toList());
            d.evidence.put("c2_port", channel[2]);
            d.evidence.put("explanation", taken.size() + " file(s) of " + bytes / 1000 + " kB fetched over plain HTTP from "
                    + server + " while the device held a session to the same bare address on tcp/" + channel[2]
                    + ": a bot fetching what its C2 server told it to");
            if (marks != null) {
                for (long[] x : taken) {
                    marks.mark(x[2], "c2.malware_download");
                }
                marks.mark(channel[3], "c2.malware_download");
            }
        }
    }
}
