package dev.vigil.detect.behavior;

import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Endpoint;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.detect.intel.Indicators;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.flow.EndReason;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.proto.dns.DnsMessage;
import dev.vigil.engine.proto.http.HttpRequest;
import dev.vigil.engine.proto.http.HttpResponse;
import dev.vigil.engine.proto.tls.TlsClientHello;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Command and control. Periodic connections (beaconing) count only with traits that ordinary
 * device heartbeats lack: a bare address no DNS answer named, an uncommon port, connections that
 * mostly fail (a bot calling a dead server); IoT devices beacon to their clouds all day and that is
 * not an alert. Also IRC (the classic botnet channel) on any port, long quiet connections to bare
 * addresses on uncommon ports, destinations on the operator's indicator lists, and downloads of
 * bot binaries (per-architecture ELF names, shell droppers) over HTTP.
 */
public final class C2Detector implements Detector, Bounded, java.io.Serializable {

    static final int MAX_KEYS = 200_000;
    static final Pattern BOT_BINARY = Pattern.compile(
            "(?i)(/bins?/|\\.(arm[4-7]?|armv[4-7]l?|mips|mpsl|mipsel|x86|x86_64|i[3-6]86|sh4|ppc|m68k|spc|sparc|arc)$|\\.sh$|/(mozi|mirai|okiru|hajime|gafgyt)\\b)");
    static final Pattern EXECUTABLE = Pattern.compile("(?i)application/(x-executable|x-elf|x-sharedlib|x-sh|x-shellscript|x-mach-binary)");

    private final FindingRecorder findings;
    private final FlowMarks marks;
    private final Scans scans;
    private final Indicators indicators;
    private final int minConnections;
    private final double maxDispersion;
    private final long minInterval;
    private final long maxInterval;
    private final long shortPeriod;
    private final int minTraits;
    private final Set<Integer> commonPorts;
    private final long longLived;

    private final Keyed<Key, Beacon> beacons = new Keyed<>();
    /**
     * Connections an input ended while they were still open (the end of a capture file, of one of
     * the service's windows), by their five-tuple, with the time they really started: when the same
     * connection goes on in the next input it is one connection, not a new one. Without this a
     * connection the service cuts every five minutes would look like a beacon with a five-minute
     * period, and would never be long-lived.
     */
    private final Map<Key, Long> cut = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Long> e) {
            return size() > MAX_KEYS / 2;
        }
    };
    private final DnsNames names;

    /** The connections of one client to one server port. */
    private static final class Beacon extends Recent {
        final Ip client;
        final Ip server;
        final int port;
        final String transport;
        final Series starts = new Series(4096);
        long bytes;
        /** The periodicity of {@link #starts} when it had {@link #periodSize} observations. */
        double[] period;
        int periodSize = -1;
        /** The longest of the kept connections (nanoseconds). */
        long longest;
        /** Connections the server never sent a packet in (no SYN-ACK, no RST). */
        long silent;

        @Override
        public long bytes() {
            return 128 + starts.bytes() + (period == null ? 0 : 16 + period.length * 8L);
        }

        @Override
        public boolean trim() {
            periodSize = -1;
            return starts.trim();
        }

        Beacon(Ip client, Ip server, int port, String transport) {
            this.client = client;
            this.server = server;
            this.port = port;
            this.transport = transport;
        }
    }

    /** @param scans the scans the scan detector found (it finishes first): their retries are no beacon */
    public C2Detector(FindingRecorder findings, DetectionConfig c, Indicators indicators, DnsNames names, FlowMarks marks,
            Scans scans) {
        this.findings = findings;
        this.scans = scans;
        this.names = names;
        this.marks = marks;
        this.indicators = indicators == null ? Indicators.empty() : indicators;
        this.minConnections = c.integer("beacon.min_connections");
        this.maxDispersion = c.number("beacon.max_dispersion");
        this.minInterval = c.nanos("beacon.min_interval");
        this.maxInterval = c.nanos("beacon.max_interval");
        this.shortPeriod = c.nanos("beacon.short_period");
        this.minTraits = c.integer("beacon.min_traits");
        this.commonPorts = c.portSet("beacon.common_ports");
        this.longLived = c.nanos("c2.long_lived");
    }

    @Override
    public void accept(Event e) {
        switch (e) {
            case DnsMessage d -> dns(d);
            case FlowEnded f -> flow(f);
            case TlsClientHello h -> named(h.flow(), h.sni(), "TLS server name", h.ts());
            case HttpRequest r -> named(r.flow(), r.host(), "HTTP Host", r.ts());
            case HttpResponse r -> download(r);
            default -> {
            }
        }
    }

    private void dns(DnsMessage d) {
        if (!d.response() && !indicators.isEmpty()) {
            for (DnsMessage.Question q : d.questions()) {
                named(d.flow(), q.name(), "DNS query", d.ts());
            }
        }
    }

    private void named(FlowMeta f, String name, String where, long ts) {
        String hit = indicators.match(name);
        if (hit == null || f == null) {
            return;
        }
        FindingRecorder.Draft d = findings.record("c2.known_bad", Endpoint.client(f), Endpoint.server(f), name, hit, ts);
        if (d != null) {
            d.evidence.put("indicator", hit);
            d.evidence.put("seen_in", where);
            d.evidence.put("name", name);
            d.evidence.put("list_says", indicators.note(hit));
            d.evidence.put("explanation", "contacted " + name + ", which an indicator list names (" + indicators.note(hit) + ")");
        }
        if (marks != null) {
            marks.mark(f.id(), "c2.known_bad");
        }
    }

    private void flow(FlowEnded f) {
        FlowMeta m = f.flow();
        if (m.clientIp() == null || !Flows.unicast(m.serverIp())) {
            return;
        }
        String hit = indicators.match(m.serverIp());
        if (hit != null) {
            FindingRecorder.Draft d = findings.record("c2.known_bad", Endpoint.client(m), Endpoint.server(m), null, hit,
                    f.firstSeen());
            if (d != null) {
                d.evidence.put("indicator", hit);
                d.evidence.put("seen_in", "connection");
                d.evidence.put("list_says", indicators.note(hit));
                d.evidence.put("explanation", "connected to " + m.serverIp() + ":" + m.serverPort()
                        + ", which an indicator list names (" + indicators.note(hit) + ")");
            }
            if (marks != null) {
                marks.mark(m.id(), "c2.known_bad");
            }
        }
        if ("irc".equals(f.service())) {
            FindingRecorder.Draft d = findings.record("c2.irc", Endpoint.client(m), Endpoint.server(m), null,
                    String.valueOf(m.serverPort()), f.firstSeen());
            if (d != null) {
                d.span(f.firstSeen(), f.ts(), 1);
                d.evidence.put("port", m.serverPort());
                d.evidence.put("standard_port", m.serverPort() >= 6665 && m.serverPort() <= 6669);
                d.evidence.put("explanation", "IRC session to " + m.serverIp() + ":" + m.serverPort()
                        + "; IRC is how many IoT botnets (Tsunami/Kaiten, early Mirai variants) take orders");
            }
            if (marks != null) {
                marks.mark(m.id(), "c2.irc");
            }
        }
        if (Flows.privateish(m.serverIp()) || m.transport() == dev.vigil.engine.flow.Transport.ICMP
                || m.transport() == dev.vigil.engine.flow.Transport.ICMP6) {
            return;
        }
        Key tuple = new Key(m.clientIp(), m.serverIp(), m.ipProtocol() << 16 | m.clientPort(), m.serverPort());
        Long began = cut.isEmpty() ? null : cut.remove(tuple);
        long start = began != null ? began : f.firstSeen();
        if (f.reason() == EndReason.END_OF_INPUT) {
            cut.put(tuple, start);
        }
        Key key = new Key(m.clientIp(), m.serverIp(), m.serverPort(), m.ipProtocol());
        if (beacons.size() >= MAX_KEYS && !beacons.containsKey(key)) {
            return;
        }
        Beacon b = beacons.computeIfAbsent(key, k -> new Beacon(m.clientIp(), m.serverIp(), m.serverPort(),
                m.transport().label()));
        if (began == null || b.starts.size == 0) {
            if (b.starts.size < b.starts.cap()) {
                b.longest = Math.max(b.longest, f.ts() - start);
            }
            b.starts.add(f.firstSeen(), f.durationNanos(), Flows.failed(f), marks == null ? 0 : m.id());
            if (f.serverPackets() == 0) {
                b.silent++;
            }
        } else {
            // the rest of a connection already counted: it lasts longer, it does not start again
            b.longest = Math.max(b.longest, f.ts() - start);
        }
        b.bytes += f.clientPayloadBytes() + f.serverPayloadBytes();
        b.seen(f.ts());
    }

    @Override
    public java.util.List<Keyed<?, ?>> kept() {
        return java.util.List.of(beacons);
    }

    private void download(HttpResponse r) {
        FlowMeta f = r.flow();
        if (f == null || r.status() < 200 || r.status() >= 300) {
            return;
        }
        String uri = r.requestUri() == null ? "" : r.requestUri();
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        boolean binaryName = BOT_BINARY.matcher(path).find();
        boolean executable = r.contentType() != null && EXECUTABLE.matcher(r.contentType()).find();
        if (!binaryName && !executable) {
            return;
        }
        FindingRecorder.Draft d = findings.record("c2.malware_download", Endpoint.client(f), Endpoint.server(f), null, path,
                r.ts());
        if (d != null) {
            d.evidence.put("uri", uri.length() > 200 ? uri.substring(0, 200) : uri);
            if (r.contentType() != null) {
                d.evidence.put("content_type", r.contentType());
            }
            if (r.contentLength() != null) {
                d.evidence.put("bytes", r.contentLength());
            }
            d.evidence.put("explanation", "downloaded " + path + " from " + f.serverIp() + ":" + f.serverPort()
                    + (binaryName ? ": a per-architecture bot binary or dropper name" : ": an executable"));
        }
        if (marks != null) {
            marks.mark(f.id(), "c2.malware_download");
        }
    }

    @Override
    public void finish(DeviceIndex devices) {
        for (Map.Entry<Key, Beacon> e : Candidates.of(beacons, b -> b.longest >= longLived || b.starts.total() >= minConnections)) {
            Beacon b = e.getValue();
            if (!devices.isLocal(b.client) || devices.byIp(b.client) == null) {
                continue;
            }
            List<String> traits = new ArrayList<>();
            // without any DNS answer in the input (flow logs), "no name" says nothing
            boolean bare = names.any() && names.name(b.server) == null;
            if (bare) {
                traits.add("bare address (no DNS answer named it)");
            }
            if (!commonPorts.contains(b.port)) {
                traits.add("uncommon port " + b.transport + "/" + b.port);
            }
            boolean failing = b.transport.equals("tcp") && b.starts.failedShare() >= 0.5;
            if (failing) {
                traits.add(Math.round(100 * b.starts.failedShare()) + "% of connections failed");
            }
            // never one SYN-ACK or RST in hours of attempts: the address is gone (a C2 server taken down or
            // null-routed), which a bot keeps calling; a live service that refuses answers RST. The trait
            // that flow records can show where the bare-address one needs DNS answers they do not carry
            if (b.transport.equals("tcp") && b.silent == b.starts.total() && b.starts.total() >= minConnections) {
                traits.add("no attempt ever answered (SYN only)");
            }
            // long, quiet connections to a bare address on an uncommon port: a kept-open channel
            long longest = b.longest;
            // (duration alone is no evidence: without DNS in the input, or on a port whose protocol holds
            // sessions open by design, the reconnect loop of BareChannelDetector must say it)
            if (longest >= longLived && bare && !commonPorts.contains(b.port)
                    && !BareChannelDetector.PERSISTENT_PORTS.contains(b.port) && b.bytes < 10_000_000) {
                FindingRecorder.Draft d = findings.record("c2.long_lived", Endpoint.of(b.client), new Endpoint(b.server,
                        null, b.port), null, b.transport + "/" + b.port, b.starts.first());
                if (d != null) {
                    d.evidence.put("longest_seconds", longest / 1_000_000_000L);
                    d.evidence.put("bytes", b.bytes);
                    d.evidence.put("explanation", "a " + Flows.lasting(longest) + " connection carrying "
                            + b.bytes + " bytes to a bare address on " + b.transport + "/" + b.port);
                }
                b.starts.markAll(marks, "c2.long_lived");
            }
            if (b.starts.total() < minConnections) {
                continue;
            }
            if (b.periodSize != b.starts.size) {
                b.period = periodicity(b.starts);
                b.periodSize = b.starts.size;
            }
            double[] p = b.period;
            if (p == null || p[1] > maxDispersion || p[0] > maxInterval) {
                continue;
            }
            if (p[0] <= shortPeriod) {
                traits.add("short cycle (" + Math.round(p[0] / 1e8) / 10.0 + " s)");
            }
            if (traits.size() < minTraits || failing && scans.covers(b.client, b.server, b.transport + "/" + b.port)) {
                // a scanner's retries of a port that does not answer: the scan, reported as one
                continue;
            }
            FindingRecorder.Draft d = findings.record("c2.beaconing", Endpoint.of(b.client), new Endpoint(b.server, null,
                    b.port), names.name(b.server), b.transport + "/" + b.port, b.starts.first());
            if (d != null) {
                d.span(b.starts.first(), b.starts.last(), b.starts.total());
                d.evidence.put("period_seconds", Math.round(p[0] / 1e6) / 1000.0);
                d.evidence.put("dispersion", ScanDetector.round(p[1]));
                d.evidence.put("connections", b.starts.total());
                d.evidence.put("traits", traits);
                d.evidence.put("detected_at", EventJson.time(
                        b.starts.ts[Math.min(b.starts.size, minConnections) - 1]));
                d.evidence.put("explanation", b.starts.total() + " connections to " + b.server + ":" + b.port + " every "
                        + Math.round(p[0] / 1e8) / 10.0 + " s (spread " + Math.round(p[1] * 100) + "%), with "
                        + String.join("; ", traits));
            }
            b.starts.markAll(marks, "c2.beaconing");
        }
    }

    /**
     * {cycle (ns), spread}: the regularity of the connection times. Bots often connect in cycles of
     * more than one attempt (njRAT: 9 s, 14 s, 9 s, 14 s …), so the gaps are measured at lags 1 to 4
     * and the most regular lag wins; spread is the median absolute deviation over the median. Null
     * when there are too few connections or the cycle is shorter than the minimum interval.
     */
    double[] periodicity(Series s) {
        s.sort();
        // attempts within half the minimum interval are retries of one attempt
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < s.size; i++) {
            if (times.isEmpty() || s.ts[i] - times.get(times.size() - 1) >= minInterval / 2) {
                times.add(s.ts[i]);
            }
        }
        if (times.size() < minConnections) {
            return null;
        }
        double[] best = null;
        for (int lag = 1; lag <= 4 && times.size() - lag >= minConnections - 1; lag++) {
            long[] g = new long[times.size() - lag];
            for (int i = lag; i < times.size(); i++) {
                g[i - lag] = times.get(i) - times.get(i - lag);
            }
            Arrays.sort(g);
            double median = median(g);
            if (median < minInterval) {
                continue;
            }
            long[] dev = Arrays.stream(g).map(x -> Math.abs(x - (long) median)).sorted().toArray();
            // a cycle of several connections must be tighter than a plain period to count
            double spread = median(dev) / median * (lag == 1 ? 1 : 2);
            if (best == null || spread < best[1] - 1e-9) {
                best = new double[] {median, spread};
            }
        }
        return best;
    }

    private static double median(long[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
