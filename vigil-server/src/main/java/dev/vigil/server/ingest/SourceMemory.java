package dev.vigil.server.ingest;

import dev.vigil.detect.analysis.Detection;
import dev.vigil.detect.analysis.DetectionState;
import dev.vigil.engine.event.EventJson;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a source carries from one window to the next: its behavioural detection, the connections
 * the last window cut, the names its devices used for their peers. Written with every committed
 * window, in the same transaction ({@link DetectionState}), and read back when the source starts
 * (after a restart, a crash or a failure), so detection resumes where reading resumes. Detection
 * starts afresh only when it has spanned its horizon of packet time, when time goes back by more
 * than that, under heap pressure, or when a stored state cannot be read. Owned by the source's
 * analysis thread.
 */
final class SourceMemory {

    private static final Logger LOG = LoggerFactory.getLogger(SourceMemory.class);

    /** What is written: detection (null when off or starting afresh), the cut connections, the peer names. */
    record Saved(Detection detection, Map<Window.Tuple, Long> cut, PeerNames names, long detectionSince)
            implements java.io.Serializable {
    }

    private final String source;
    private final IngestContext ctx;
    private Detection detection;
    private Map<Window.Tuple, Long> cut = Map.of();
    private PeerNames names = new PeerNames();
    private boolean restore = true;
    private volatile long since;
    private final AtomicLong restarts = new AtomicLong();
    private final HeapPressure pressure = new HeapPressure();

    SourceMemory(String source, IngestContext ctx) {
        this.source = source;
        this.ctx = ctx;
    }

    /** The detection the next window continues (read back from the store first, after a start). */
    Detection detection() {
        if (restore) {
            restore();
        }
        if (detection == null && ctx.analysis().detect()) {
            detection = new Detection(ctx.analysis());
        }
        return detection;
    }

    /** Connections the last committed window cut at its end, for the next window to recognise. */
    Map<Window.Tuple, Long> cut() {
        return cut;
    }

    PeerNames names() {
        return names;
    }

    /** Packet time detection has learnt since (epoch nanoseconds), 0 before the first window. */
    long since() {
        return since;
    }

    /** How often detection started afresh. */
    long restarts() {
        return restarts.get();
    }

    /** A window closed: keeps what it cut, decides whether detection goes on, and returns the state to commit with it. */
    byte[] closed(Window.Closed c) {
        cut = c.cut();
        horizon(c);
        return DetectionState.save(new Saved(detection, cut, names, since), ctx.analysis());
    }

    /** The source failed: what it learnt since the last commit goes, the committed state is read back. */
    void failed() {
        detection = null;
        restore = true;
    }

    private void restore() {
        restore = false;
        byte[] stored = ctx.persister().detectionState(source);
        if (stored == null) {
            return;
        }
        try {
            if (!(DetectionState.load(stored, ctx.analysis()) instanceof Saved m)) {
                throw new DetectionState.StateException("not a source's memory", null);
            }
            detection = m.detection();
            cut = m.cut();
            names = m.names();
            since = m.detectionSince();
            LOG.info("{}: detection resumes with what it had learnt ({} bytes, since {})", source, stored.length,
                    since == 0 ? "-" : EventJson.time(since));
        } catch (DetectionState.StateException e) {
            LOG.warn("{}: the stored detection state cannot be used, detection starts afresh: {}", source, e.getMessage());
            restarts.incrementAndGet();
        }
    }

    /**
     * Starts behavioural detection afresh once it has spanned the horizon of packet time (or time
     * went back by more than that: another capture), which bounds what it remembers.
     */
    private void horizon(Window.Closed c) {
        if (detection == null || detection.firstNanos() == 0) {
            return;
        }
        long span = c.endNanos() - detection.firstNanos();
        since = detection.firstNanos();
        if (span >= ctx.detectionHorizonNanos() || c.startNanos() < detection.firstNanos() - ctx.detectionHorizonNanos()) {
            detection = null;
            restarts.incrementAndGet();
        } else if (pressure.fresh()) {
            // what detection remembers is bounded per key, not in total: on a network busy enough to
            // fill the heap before the horizon, forgetting early beats running out of memory
            LOG.warn("{}: the heap is over {}% full after collection; behavioural detection starts afresh", source,
                    Math.round(HeapPressure.SHARE * 100));
            detection = null;
            restarts.incrementAndGet();
        }
    }
}
