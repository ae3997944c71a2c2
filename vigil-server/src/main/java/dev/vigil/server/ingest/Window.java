package dev.vigil.server.ingest;

import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.analysis.Analyzer;
import dev.vigil.detect.analysis.Detection;
import dev.vigil.detect.analysis.Summary;
import dev.vigil.engine.anomaly.Faults;
import dev.vigil.engine.flow.PacketRing;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.EndReason;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowLimits;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One window of one source: a fresh analysis fed until the window is due, then closed into an
 * {@link AnalysisResult} and the conversations ({@link Edge}s) it saw. The inventory and hygiene
 * checks start afresh each window (the store merges them); behavioural detection continues across
 * windows through the source's {@link Detection}. Not thread-safe: a source's analysis thread owns
 * it.
 */
final class Window {

    /** Who talked to whom over what, in this window. */
    record Edge(String src, String dst, String service) {
    }

    /** Flows and bytes of an edge, and its last flow's end (epoch nanoseconds). */
    static final class EdgeCount {
        long flows;
        long bytes;
        long last;
        /** The names the client used for the server (DNS, TLS server_name, HTTP Host). */
        java.util.Set<String> names = java.util.Set.of();
    }

    static final int MAX_EDGES = 50_000;

    /** Connections a window keeps to recognise in the next one (beyond, a continuing one counts again). */
    static final int MAX_CUT = 100_000;

    /** One connection, by its five-tuple. */
    record Tuple(String client, int clientPort, String server, int serverPort, int protocol) implements java.io.Serializable {
        static Tuple of(FlowEnded f) {
            return new Tuple(String.valueOf(f.flow().clientIp()), f.flow().clientPort(), String.valueOf(f.flow().serverIp()),
                    f.flow().serverPort(), f.flow().ipProtocol());
        }

        /** The same connection seen from its other end (a window that starts with the answer). */
        Tuple reversed() {
            return new Tuple(server, serverPort, client, clientPort, protocol);
        }
    }

    private final Analyzer analyzer;
    private final PacketRing ring;
    private final PeerNames names;
    private final Detection detection;
    private final Map<Edge, EdgeCount> edges = new HashMap<>();
    private final PolicyWatch watch;
    /** The window's flows as a policy judges them: per client, server, IP protocol and server port. */
    private final Map<PolicyKey, long[]> policyFlows = new HashMap<>();
    /** The flows of the addresses the policy service watches, one by one. */
    private final java.util.List<FlowEnded> watched = new java.util.ArrayList<>();

    /** Flows a window keeps one by one for the policy service at most. */
    static final int MAX_WATCHED = 20_000;

    private record PolicyKey(dev.vigil.engine.net.Ip src, dev.vigil.engine.net.Ip dst, int proto, int port) {
    }
    /**
     * Connections the previous window cut at its end, with their last packet's time: one that goes on
     * here within the flow table's idle timeout is the same connection, not a new one.
     */
    private final Map<Tuple, Long> continuing;
    /** Connections this window cuts at its end. */
    private final Map<Tuple, Long> cut = new HashMap<>();
    private final FlowLimits limits;
    /** Connections that ended in this window, not counting ones the previous window already counted. */
    private long newFlows;
    private final long lengthNanos;
    private final long openedWall;
    private long startNanos;
    private long lastNanos;
    private long packets;
    private long flows;
    /** Bytes on the wire: packets' lengths, or what flow records say their flows carried. */
    private long bytes;

    /**
     * @param detection the source's behavioural detection, which outlives its windows (null: this
     *     window detects on its own)
     */
    Window(AnalysisConfig config, Detection detection, long lengthNanos, long wallNow, Map<Tuple, Long> continuing) {
        this(config, detection, null, new PeerNames(), lengthNanos, wallNow, continuing, PolicyWatch.NONE);
    }

    /**
     * @param ring the source's packet ring, which outlives its windows (null: no packets kept)
     * @param names the names the source's devices used for their peers, which outlive its windows
     * @param continuing connections the previous window cut at its end, with their last packet's time
     */
    Window(AnalysisConfig config, Detection detection, PacketRing ring, PeerNames names, long lengthNanos, long wallNow,
            Map<Tuple, Long> continuing, PolicyWatch watch) {
        this.continuing = continuing;
        this.watch = watch;
        this.limits = config.engine().flows();
        this.lengthNanos = lengthNanos;
        this.openedWall = wallNow;
        this.detection = detection;
        this.ring = ring;
        this.names = names;
        this.analyzer = new Analyzer(config.withEventLog(this::onEvent), detection);
        if (ring != null) {
            analyzer.keepPackets(ring);
        }
    }

    private void onEvent(Event e) {
        names.accept(e);
        if (e instanceof FlowEnded f && f.flow().clientIp() != null) {
            Tuple t = continuing.isEmpty() && f.reason() != EndReason.END_OF_INPUT ? null : Tuple.of(f);
            Long before = t == null ? null : continuing.containsKey(t) ? continuing.get(t) : continuing.get(t.reversed());
            if (before == null || f.firstSeen() - before > idleTimeout(f)) {
                newFlows++;
            }
            if (f.reason() == EndReason.END_OF_INPUT && cut.size() < MAX_CUT) {
                cut.put(t, f.ts());
            }
        }
        if (e instanceof FlowEnded f && f.flow().clientIp() != null) {
            policyFlow(f);
        } else if (e instanceof dev.vigil.engine.proto.dns.DnsMessage m && m.response() && watch.wantsAnswers()) {
            watch.answers(dev.vigil.detect.segmentation.DnsAnswer.of(m), m.flow().serverIp());
        }
        if (e instanceof FlowEnded f && (edges.size() < MAX_EDGES || edges.containsKey(key(f)))) {
            EdgeCount c = edges.computeIfAbsent(key(f), k -> new EdgeCount());
            c.flows++;
            c.bytes += f.clientBytes() + f.serverBytes();
            c.last = Math.max(c.last, f.ts());
        }
    }

    /** Sums a flow for the policy (at most {@link #MAX_EDGES} tuples), and keeps it whole when watched. */
    private void policyFlow(FlowEnded f) {
        var m = f.flow();
        if (watched.size() < MAX_WATCHED && (watch.watches(m.clientIp()) || watch.watches(m.serverIp()))) {
            watched.add(f);
        }
        PolicyKey k = new PolicyKey(m.clientIp(), m.serverIp(), m.ipProtocol(), m.serverPort());
        long[] c = policyFlows.get(k);
        if (c == null) {
            if (policyFlows.size() >= MAX_EDGES) {
                return;
            }
            c = new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE, m.clientMac() == null ? dev.vigil.engine.net.Mac.NONE
                    : m.clientMac().bits()};
            policyFlows.put(k, c);
        }
        c[0]++;
        if (f.serverPackets() > 0) {
            c[1]++;
        }
        c[2] = Math.min(c[2], f.firstSeen());
        c[3] = Math.max(c[3], f.ts());
    }

    private java.util.List<dev.vigil.store.policy.PolicyStore.FlowRow> policyFlows() {
        java.util.List<dev.vigil.store.policy.PolicyStore.FlowRow> out = new java.util.ArrayList<>(policyFlows.size());
        policyFlows.forEach((k, c) -> out.add(new dev.vigil.store.policy.PolicyStore.FlowRow(k.src().toString(),
                c[4] == dev.vigil.engine.net.Mac.NONE ? null : dev.vigil.engine.net.Mac.format(c[4]), k.dst().toString(),
                k.proto(), k.port(), c[0], c[1], c[2] / 1_000_000L, c[3] / 1_000_000L)));
        return out;
    }

    /** How long the flow table keeps a quiet flow of this transport (its longest timeout for TCP). */
    private long idleTimeout(FlowEnded f) {
        return switch (f.flow().transport()) {
            case TCP -> limits.tcpEstablishedTimeoutNanos();
            case UDP -> limits.udpTimeoutNanos();
            default -> limits.otherTimeoutNanos();
        };
    }

    private static Edge key(FlowEnded f) {
        String service = f.service() != null ? f.service()
                : f.flow().transport().name().toLowerCase(java.util.Locale.ROOT) + "/" + f.flow().serverPort();
        return new Edge(f.flow().clientIp().toString(), f.flow().serverIp().toString(), service);
    }

    /** True when this packet time belongs to a later window (or jumps back by more than a window). */
    boolean due(long packetNanos) {
        if (packets + flows == 0) {
            return false;
        }
        return packetNanos - startNanos >= lengthNanos || packetNanos < startNanos - lengthNanos;
    }

    /** True when the window has data and has been open longer than {@code maxWallMillis}. */
    boolean stale(long wallNow, long maxWallMillis) {
        return packets + flows > 0 && wallNow - openedWall >= maxWallMillis;
    }

    boolean empty() {
        return packets + flows == 0;
    }

    void packet(RawPacket p) {
        if (packets + flows == 0) {
            startNanos = p.timestampNanos;
            if (detection != null) {
                detection.started(startNanos);
            }
        }
        lastNanos = Math.max(lastNanos, p.timestampNanos);
        packets++;
        bytes += p.wireLength;
        analyzer.accept(p);
    }

    void flow(FlowEnded f) {
        if (packets + flows == 0) {
            startNanos = f.firstSeen();
            if (detection != null) {
                detection.started(startNanos);
            }
        }
        lastNanos = Math.max(lastNanos, f.ts());
        flows++;
        bytes += f.clientBytes() + f.serverBytes();
        analyzer.acceptFlow(f);
    }

    long packets() {
        return packets;
    }

    long flows() {
        return flows;
    }

    long lastNanos() {
        return lastNanos;
    }

    /** What the analysis failed on in this window (isolated and counted). */
    Faults faults() {
        return analyzer.faults();
    }

    /** Ends open flows and resolves the window. */
    Closed close(String sourceName, String format) {
        analyzer.endOfInput();
        analyzer.noteInput(sourceName, format, packets, 0);
        AnalysisResult r = analyzer.finish();
        edges.forEach((e, c) -> c.names = names.of(e.src(), e.dst()));
        Summary s = r.summary();
        Map<String, Long> anomalies = new TreeMap<>();
        for (Map<String, Long> m : java.util.List.of(s.malformed(), s.truncated(), s.unsupported(), s.limits(), s.faults())) {
            anomalies.putAll(m);
        }
        return new Closed(r, Map.copyOf(edges), packets, flows, bytes, newFlows, Map.copyOf(cut), startNanos, lastNanos,
                ring == null ? Map.of() : FindingFlows.pcaps(ring, r.findings()), anomalies, policyFlows(),
                java.util.List.copyOf(watched));
    }

    /**
     * What a window leaves for the store.
     *
     * @param packets packets read
     * @param flows flow records read (the flows the packets made are in the result's summary)
     * @param bytes bytes on the wire
     * @param allFlows connections that ended in the window (made from its packets, or read as records),
     *     not counting those the previous window cut and counted already
     * @param cut connections the window ended only because it closed: the next window goes on with them
     * @param findingPackets the packets behind each finding (by finding id) that the packet ring held
     * @param anomalies what its analysis counted by name: malformed, truncated, unsupported input,
     *     limits reached and faults (not the notes)
     * @param policyFlows its flows as a policy judges them
     * @param watched the flows of the addresses the policy service watches
     */
    record Closed(AnalysisResult result, Map<Edge, EdgeCount> edges, long packets, long flows, long bytes, long allFlows,
            Map<Tuple, Long> cut, long startNanos, long endNanos, Map<String, PacketRing.Pcap> findingPackets,
            Map<String, Long> anomalies, java.util.List<dev.vigil.store.policy.PolicyStore.FlowRow> policyFlows,
            java.util.List<FlowEnded> watched) {

        /** Malformed input the window's analysis counted, by every name. */
        long malformed() {
            return result.summary().malformed().values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
