package dev.vigil.server.ingest;

import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.analysis.Analyzer;
import dev.vigil.detect.analysis.Detection;
import dev.vigil.detect.analysis.Summary;
import dev.vigil.engine.anomaly.Faults;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.FlowEnded;
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
    }

    static final int MAX_EDGES = 50_000;

    private final Analyzer analyzer;
    private final Detection detection;
    private final Map<Edge, EdgeCount> edges = new HashMap<>();
    private final long lengthNanos;
    private final long openedWall;
    private long startNanos;
    private long lastNanos;
    private long packets;
    private long flows;

    /**
     * @param detection the source's behavioural detection, which outlives its windows (null: this
     *     window detects on its own)
     */
    Window(AnalysisConfig config, Detection detection, long lengthNanos, long wallNow) {
        this.lengthNanos = lengthNanos;
        this.openedWall = wallNow;
        this.detection = detection;
        this.analyzer = new Analyzer(config.withEventLog(this::onEvent), detection);
    }

    private void onEvent(Event e) {
        if (e instanceof FlowEnded f && (edges.size() < MAX_EDGES || edges.containsKey(key(f)))) {
            EdgeCount c = edges.computeIfAbsent(key(f), k -> new EdgeCount());
            c.flows++;
            c.bytes += f.clientBytes() + f.serverBytes();
            c.last = Math.max(c.last, f.ts());
        }
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
        Summary s = r.summary();
        Map<String, Long> anomalies = new TreeMap<>();
        for (Map<String, Long> m : java.util.List.of(s.malformed(), s.truncated(), s.unsupported(), s.limits(), s.faults())) {
            anomalies.putAll(m);
        }
        return new Closed(r, Map.copyOf(edges), packets, flows, startNanos, lastNanos, anomalies);
    }

    /**
     * What a window leaves for the store.
     *
     * @param anomalies what its analysis counted by name: malformed, truncated, unsupported input,
     *     limits reached and faults (not the notes)
     */
    record Closed(AnalysisResult result, Map<Edge, EdgeCount> edges, long packets, long flows, long startNanos,
            long endNanos, Map<String, Long> anomalies) {
    }
}
