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
 * the last window cut, the names its devices used for their peers. Written with a committed window,
 * in its transaction ({@link DetectionState}; the source decides how often), and read back when the
 * source starts (after a restart, a crash or a failure); the source then reads again from where the
 * state was written, detecting without storing up to its last committed window, so detection
 * resumes exactly where reading resumes. What detection remembers is bounded key by key once each
 * hour of packet time ({@link #bound}); it starts afresh only when a stored state cannot be read. Owned by the
 * source's analysis thread.
 */
final class SourceMemory {

    private static final Logger LOG = LoggerFactory.getLogger(SourceMemory.class);

    /**
     * What is written: detection (null when off or starting afresh), the cut connections, the peer
     * names, when detection started, the newest packet time the horizon is measured back from and
     * the slot of packet time the budget last ran in.
     */
    record Saved(Detection detection, Map<Window.Tuple, Long> cut, PeerNames names, long detectionSince, long newest,
            long boundSlot, int unbound)
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
    /** Share of what detection holds that it keeps when the heap is short. */
    static final double SQUEEZE = 0.5;
    private volatile DetectionMemory memory = DetectionMemory.NONE;
    /** The newest packet time a window ended at: the horizon is measured back from it. */
    private long newest;
    /** The budget runs once per this much packet time (or the horizon, if shorter), and when the heap is short. */
    static final long BOUND_NANOS = 3_600_000_000_000L;
    private long boundSlot = -1;
    /** Windows since the budget last ran: it runs after this many too (time that does not advance: an older capture). */
    static final int BOUND_WINDOWS = 12;
    private int unbound;
    private volatile long stateBytes;
    private long unwritable;
    /** The number of the source's last window (committed, or replayed), and up to which one a replay runs. */
    private long seq;
    private long replayUntil;
    /** The state read back: the window it is of, and where the source had read up to then. */
    private long replayFrom;
    private String replayKey;
    private String replayPosition;
    /** The last window that went to the store, where it ended, and the last one written with the state. */
    private String lastKey;
    private String lastPosition;
    private long savedSeq;
    private long savedAt;

    /** What to do with a window that closed: store it (with the state, or null to keep the stored one), or not (replayed). */
    record Step(boolean store, dev.vigil.store.sources.SourceStore.DetectionStateRow state) {
    }

    /**
     * The state is written with a window at most this often (wall clock) for an input that can be
     * read again; a restart reads again what came after it (about this much reading), detecting but
     * not storing. An input that cannot be read again has it written with every window.
     */
    static final long STATE_MILLIS = 10_000;

    SourceMemory(String source, IngestContext ctx) {
        this.source = source;
        this.ctx = ctx;
    }

    /** The detection the next window continues. */
    Detection detection() {
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

    /**
     * When the source starts (and after a failure): reads the state back and, for an input that can
     * be read again ({@code replayable}) whose state is older than its last committed window, starts
     * a replay from where the state was written up to that window.
     */
    void resume(boolean replayable) {
        var row = restore();
        long committed = ctx.persister().windows(source);
        seq = committed;
        replayUntil = committed;
        savedSeq = committed;
        if (row != null && row.seq() < committed && replayable) {
            seq = row.seq();
            savedSeq = row.seq();
            replayFrom = row.seq();
            replayKey = row.key();
            replayPosition = row.position();
            LOG.info("{}: reading again from {} (window {}) to rebuild detection up to window {}, storing nothing twice",
                    source, row.position(), row.seq(), committed);
        }
    }

    /** True while windows already stored are read again (nothing goes to the store). */
    boolean replaying() {
        return seq < replayUntil;
    }

    /**
     * Where a part of the input resumes: its stored position, or during a replay where it was when the
     * state was written (from the start for a part first committed after it).
     */
    String resumePosition(String key) {
        if (!replaying()) {
            return ctx.persister().position(key);
        }
        if (key.equals(replayKey)) {
            return replayPosition;
        }
        Long at = ctx.persister().checkpointSeq(key);
        return at != null && at > replayFrom ? null : ctx.persister().position(key);
    }

    /**
     * A window closed: what it cut and whether detection goes on are kept, and the window is either
     * replayed (not stored again) or stored, with the state when it is due ({@code always}: an input
     * that cannot be read again, or the source stopping) or {@link #STATE_MILLIS} have passed.
     */
    Step closed(Window.Closed c, String key, String position, boolean always, long wallNow) {
        closed(c);
        seq++;
        if (seq <= replayUntil) {
            return new Step(false, null);
        }
        lastKey = key;
        lastPosition = position;
        if (!always && wallNow - savedAt < STATE_MILLIS) {
            return new Step(true, null);
        }
        byte[] state = state();
        if (state == null) {
            return new Step(true, null);
        }
        savedAt = wallNow;
        savedSeq = seq;
        return new Step(true, new dev.vigil.store.sources.SourceStore.DetectionStateRow(seq, key, position, state));
    }

    /** Between windows (the input ended, or waits): writes the state if it is behind the last stored window. */
    void settle() {
        if (replaying() || savedSeq >= seq || lastKey == null) {
            return;
        }
        byte[] state = state();
        if (state != null) {
            ctx.persister().detectionState(source, new dev.vigil.store.sources.SourceStore.DetectionStateRow(seq, lastKey,
                    lastPosition, state));
            savedSeq = seq;
        }
    }

    /** The size of the state last written (deflated bytes). */
    long stateBytes() {
        return stateBytes;
    }

    private void closed(Window.Closed c) {
        cut = c.cut();
        bound(c);
    }

    /** The state as it is now, to write with a window; null when it cannot be written (a bug, logged once). */
    byte[] state() {
        try {
            byte[] state = DetectionState.save(new Saved(detection, cut, names, since, newest, boundSlot, unbound), ctx.analysis());
            stateBytes = state.length;
            return state;
        } catch (IllegalStateException e) {
            // a detector keeps something that cannot be written (a bug): the window commits all the same,
            // without a state, so a restart starts detection afresh rather than from a state behind it
            if (unwritable++ == 0) {
                LOG.error("{}: detection state cannot be written (a bug: please report it); committing without it", source, e);
            }
            stateBytes = 0;
            return null;
        }
    }

    /** The source failed: what it learnt since the last commit goes, the committed state is read back. */
    void failed() {
        detection = null;
        restore = true;
    }

    /**
     * Reads back the stored state (once after a start or a failure): the window number and position it
     * is of, or null when there is none to read (or it cannot be read: detection then starts afresh).
     */
    dev.vigil.store.sources.SourceStore.DetectionStateRow restore() {
        if (!restore) {
            return null;
        }
        restore = false;
        var row = ctx.persister().detectionState(source);
        if (row == null) {
            return null;
        }
        byte[] stored = row.state();
        try {
            if (!(DetectionState.load(stored, ctx.analysis()) instanceof Saved m)) {
                throw new DetectionState.StateException("not a source's memory", null);
            }
            detection = m.detection();
            cut = m.cut();
            names = m.names();
            since = m.detectionSince();
            newest = m.newest();
            boundSlot = m.boundSlot();
            unbound = m.unbound();
            stateBytes = stored.length;
            LOG.info("{}: detection resumes with what it had learnt after window {} ({} bytes, since {})", source, row.seq(),
                    stored.length, since == 0 ? "-" : EventJson.time(since));
            return row;
        } catch (DetectionState.StateException e) {
            LOG.warn("{}: the stored detection state cannot be used, detection starts afresh: {}", source, e.getMessage());
            restarts.incrementAndGet();
            return null;
        }
    }

    /**
     * Bounds what detection remembers ({@code Detection.bound}), after the first window of each hour of
     * packet time (so the same input is bounded at the same points however it is read) and whenever
     * the heap is short: keys idle for the
     * horizon of packet time (measured from the newest packet time seen, so a capture older than what
     * came before forgets nothing for it) are forgotten, and what is over the budget is shed, least
     * recently active first; when the heap is over its share after collection, half is shed. Never
     * wholesale: the rest of what was learnt carries on.
     */
    private void bound(Window.Closed c) {
        if (detection == null || detection.firstNanos() == 0) {
            return;
        }
        since = detection.firstNanos();
        newest = Math.max(newest, c.endNanos());
        boolean squeeze = pressure.fresh();
        long slot = newest / Math.max(1, Math.min(BOUND_NANOS, ctx.detectionHorizonNanos()));
        if (slot == boundSlot && !squeeze && ++unbound < BOUND_WINDOWS) {
            return;
        }
        boundSlot = slot;
        unbound = 0;
        var u = detection.bound(newest - ctx.detectionHorizonNanos(), ctx.memory(), squeeze ? SQUEEZE : 1);
        if (squeeze || (u.shed() > 0 || u.trimmed() > 0) && memory.shedKeys() + memory.trimmedKeys() == 0) {
            LOG.warn("{}: {}; detection lets go of what it saw least recently: {} keys trimmed, {} shed, {} kept ({} MB of a {} MB budget, {} devices)",
                    source, squeeze ? "the heap is over " + Math.round(HeapPressure.SHARE * 100) + "% full after collection"
                            : "what detection remembers is over its budget", u.trimmed(), u.shed(), u.keys(), u.bytes() >> 20,
                    u.budget() >> 20, u.devices());
        }
        memory = memory.then(u, squeeze);
    }

    /** What detection holds against its budget, and what the budget made it let go of. */
    DetectionMemory memory() {
        return memory;
    }
}
