package dev.vigil.server.ingest;

import dev.vigil.detect.analysis.Detection;
import dev.vigil.engine.anomaly.Faults;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.flow.FlowEnded;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One input of the service. A source reads on its own thread(s), feeds its own {@link Window}s and
 * commits each closed window with the position to resume from. Subclasses read; this class cuts
 * windows, commits them and keeps the counters the API and /metrics show.
 *
 * <p>One input never stops a source: the analysis isolates what fails on a packet or a record and
 * counts it ({@code faults}, by name in {@code anomalies}). A source that fails anyway (its input
 * went away, the store refused a commit) is started again by {@link Ingest} with backoff, from its
 * last committed position; one that makes no progress while input waits is reported stalled. Both
 * show as a {@code health} other than "ok" (see {@link SupervisionLimits}).
 */
public abstract class Source implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Source.class);

    /** What a source is doing. */
    public enum State { STARTING, RUNNING, IDLE, DONE, FAILED, STOPPED }

    /**
     * A source as the API shows it. {@code position} is where it is, for people (the file, the packet
     * or row read up to, the last packet's time); {@code flows} counts the flows its packets made (as
     * its windows are committed) and the flow records it read; {@code malformed} what its reader and
     * its windows' decoders counted as malformed. {@code detectionSince} is the packet time its
     * behavioural detection started learning (null before the first window), {@code detectionRestarts}
     * how often it started afresh (a stored state it could not read), {@code detectionStateBytes} the size of what it learnt as last
     * committed (deflated), {@code detectionMemory} what it holds against its budget. {@code health}
     * is "ok", "failed" (restarting at {@code nextRestartAt}) or "stalled"; {@code restarts} counts
     * the restarts after failures; {@code faults} the inputs the analysis failed on (isolated and
     * skipped); {@code anomalies} what the analysis of the committed windows counted, by name.
     */
    public record Status(String name, String kind, State state, String message, long packets, long flows, long bytes,
            long dropped, long malformed, long windows, long queued, long queueCapacity, String position, Long startedAt,
            Long endedAt, long committedPackets, long committedFlows, String detectionSince, long detectionRestarts,
            long detectionStateBytes, DetectionMemory detectionMemory, String health, long restarts, Long nextRestartAt, long faults, Map<String, Long> anomalies) {
    }

    /** What {@code health} says of a source that is fine. */
    public static final String OK = "ok";

    protected final String name;
    protected final String kind;
    protected IngestContext ctx;
    protected volatile boolean stopping;
    protected final AtomicLong packets = new AtomicLong();
    protected final AtomicLong flows = new AtomicLong();
    protected final AtomicLong bytes = new AtomicLong();
    protected final AtomicLong dropped = new AtomicLong();
    protected final AtomicLong malformed = new AtomicLong();
    protected final AtomicLong windows = new AtomicLong();
    private final AtomicLong committedPackets = new AtomicLong();
    private final AtomicLong committedFlows = new AtomicLong();
    private volatile State state = State.STARTING;
    private volatile Long startedAt;
    private volatile Long endedAt;
    private volatile String message;
    private volatile String position;
    /** The time of the last packet or flow record fed (epoch nanoseconds), 0 before the first. */
    private volatile long lastNanos;
    private Window window;
    /** Detection, cut connections and peer names, carried across windows and commits (made on bind). */
    private SourceMemory memory;
    /**
     * The last packets of this source's recent flows, across its windows (what a finding's pcap is
     * cut from); made with the first packet, so flow-record sources have none.
     */
    private dev.vigil.engine.flow.PacketRing ring;
    private String format = "";
    private final AtomicLong faults = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private final Map<String, Long> anomalies = new TreeMap<>();
    private volatile Long nextRestartAt;
    private volatile boolean stalled;
    /** Progress as the watchdog last saw it, and when it last moved (wall clock, ms). */
    private long progressSeen = -1;
    private long progressAt;
    private final AtomicLong positions = new AtomicLong();

    protected Source(String name, String kind) {
        this.name = name;
        this.kind = kind;
    }

    void bind(IngestContext ctx) {
        this.ctx = ctx;
        this.memory = new SourceMemory(name, ctx);
    }

    public String name() {
        return name;
    }

    /** The checkpoint key of the part being read (a file's own key within a directory), by default the name. */
    protected String checkpointKey() {
        return name;
    }

    @Override
    public final void run() {
        state = State.RUNNING;
        startedAt = System.currentTimeMillis();
        try {
            if (memory != null) {
                memory.resume(replayable());
            }
            read();
            settle();
            // what this source stored is assessed before it says it is done
            ctx.persister().reassessIfDirty();
            state = stopping ? State.STOPPED : State.DONE;
            endedAt = System.currentTimeMillis();
        } catch (SourceException e) {
            LOG.warn("{}: {}", name, e.getMessage());
            message = e.getMessage();
            state = State.FAILED;
        } catch (RuntimeException | Error e) {
            // an error too (a stack overflow in a parser): the source says it failed rather than show RUNNING for ever
            LOG.error("{}: stopped by an internal error", name, e);
            message = "internal error: " + e;
            state = State.FAILED;
        }
    }

    /** The state the source is in now. */
    public State state() {
        return state;
    }

    /** Ingest's supervisor: this failed source starts again at {@code at} (epoch ms). */
    void restartAt(long at) {
        nextRestartAt = at;
    }

    /**
     * Ingest's supervisor, before running a failed source again: what it had not committed is
     * dropped (it is read again from the committed position, or is lost with a stream's open
     * window), and its detection goes back to the state committed with that position.
     */
    void restarting() {
        window = null;
        // detection goes back to what it had learnt at the last committed window, where reading resumes
        memory.failed();
        restarts.incrementAndGet();
        nextRestartAt = null;
        message = null;
        state = State.STARTING;
    }

    /** False for a file: cut by its packets' time and count (not by --commit-every), it is cut the same when read again. */
    protected boolean cutByWallClock() {
        return true;
    }

    /** False for a source that cannot go on after a failure (a stream is not read again from the middle). */
    protected boolean restartable() {
        return true;
    }

    /**
     * True when input is known to be waiting for this source (a file not read to its end, a queue
     * with packets or records in it); a source that makes no progress then is stalled. By default,
     * a non-empty queue.
     */
    protected boolean pending() {
        return queued() > 0;
    }

    /** Ingest's watchdog, every second or so: notes progress, and a stall when there was none too long. */
    void watch(long now, long stallMillis) {
        long p = packets.get() + flows.get() + windows.get() + positions.get();
        boolean waiting = state == State.RUNNING && pending();
        if (p != progressSeen || !waiting) {
            progressSeen = p;
            progressAt = now;
        }
        stalled = waiting && now - progressAt >= stallMillis;
    }

    /** Reads until the input ends or {@link #stop} is called. */
    protected abstract void read() throws SourceException;

    /** Asks the source to stop; it commits what it has. */
    public void stop() {
        stopping = true;
    }

    /** Waits; an interrupt stops the source. */
    protected final void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    protected void state(State s, String why) {
        this.state = s;
        this.message = why;
    }

    protected void format(String f) {
        this.format = f;
    }

    private Window window() {
        if (window == null) {
            Detection detection = memory.detection();
            window = new Window(ctx.analysis(), detection, ring, memory.names(), ctx.windowNanos(), ctx.wallClock().getAsLong(),
                    memory.cut(), ctx.persister().watch());
        }
        return window;
    }

    /**
     * Feeds a packet. When it opens a new window, the current one is committed first with
     * {@code positionBefore}: where the source resumes to read this very packet again.
     */
    protected final void packet(RawPacket p, String positionBefore) {
        if (ring == null) {
            ring = new dev.vigil.engine.flow.PacketRing(RING);
        }
        Window w = window();
        if (w.due(p.timestampNanos) || (cutByWallClock() ? w.stale(ctx.wallClock().getAsLong(), ctx.maxWindowWallMillis())
                : w.packets() >= FILE_WINDOW_PACKETS)) {
            commit(positionBefore);
            w = window();
        }
        w.packet(p);
        lastNanos = p.timestampNanos;
        packets.incrementAndGet();
        bytes.addAndGet(p.wireLength);
    }

    /** Each source's packet ring: 2048 flows × 16 packets × 256 bytes, 8 MiB. */
    static final dev.vigil.engine.flow.PacketRingLimits RING = new dev.vigil.engine.flow.PacketRingLimits(2048, 16, 256);

    /**
     * Packets in one window of a file at most: what the wall clock does for a live input (commit what
     * a big backlog holds every second or so), done by count, so that reading the file again cuts the
     * same windows.
     */
    static final int FILE_WINDOW_PACKETS = 250_000;

    /** Flow records in one window at most. */
    static final int FLOW_WINDOW = 100_000;

    /**
     * Feeds a flow record. Flow records arrive in the order flows end (and NetFlow exporters mix
     * their caches), not in the order they start, so a flow window is cut by size and by the wall
     * clock, not by the records' times.
     */
    protected final void flow(FlowEnded f, String positionBefore) {
        Window w = window();
        if (w.flows() >= FLOW_WINDOW || w.stale(ctx.wallClock().getAsLong(), ctx.maxWindowWallMillis())) {
            commit(positionBefore);
            w = window();
        }
        w.flow(f);
        lastNanos = Math.max(lastNanos, f.ts());
        flows.incrementAndGet();
    }

    /** Commits the window when it has been open too long by the wall clock (quiet live sources). */
    protected final void tick(String position) {
        if (window != null && window.stale(ctx.wallClock().getAsLong(), ctx.maxWindowWallMillis())) {
            commit(position);
        }
    }

    /** Commits the open window (if any) and records the position; the next packet opens a new window. */
    protected final void commit(String pos) {
        commit(pos, false);
    }

    /** As {@link #commit(String)}; {@code ended}: the input (a file) ended, the whole estate is assessed with it. */
    protected final void commit(String pos, boolean ended) {
        Window w = window;
        window = null;
        if (w != null && !w.empty()) {
            Window.Closed c = w.close(name, format);
            // what detection has learnt goes with the window (when due): a restart resumes both at that point
            SourceMemory.Step step = memory.closed(c, checkpointKey(), pos, !replayable() || stopping, ctx.wallClock().getAsLong());
            this.position = pos;
            if (!step.store()) {
                return; // read again after a restart to rebuild detection: it is stored already
            }
            ctx.persister().commit(c, checkpoint(pos), step.state(), ended);
            counted(w.faults(), c.anomalies());
            windows.incrementAndGet();
            committedPackets.addAndGet(c.packets());
            committedFlows.addAndGet(c.flows());
            // the flows its packets made, known once the window is analysed; flow records count as read
            flows.addAndGet(c.allFlows() - c.flows());
            malformed.addAndGet(c.malformed());
        } else if (pos != null && !memory.replaying()) {
            ctx.persister().position(checkpoint(pos));
        }
        this.position = pos;
    }

    /** Where a part of the input resumes (during a replay, where it was when detection's state was written). */
    protected final String resumePosition(String key) {
        return memory.resumePosition(key);
    }

    /** Between windows (the input ended or waits): writes detection's state if it is behind. */
    protected final void settle() {
        if (window == null && memory != null) {
            memory.settle();
        }
    }

    /** True for an input read again the same way after a restart (a capture file), which a replay rebuilds detection from. */
    protected boolean replayable() {
        return false;
    }

    /** Where the source is, for the store. */
    protected final Persister.Checkpoint checkpoint(String pos) {
        return new Persister.Checkpoint(name, kind, checkpointKey(), pos, describe(pos));
    }

    /**
     * A position for people: the part being read and how far (a file's subclass says "packet 4,096
     * of …"), and the time of the last packet fed; null before any.
     */
    protected String describe(String pos) {
        return lastNanos == 0 ? null : "last packet " + EventJson.time(lastNanos);
    }

    /** The time of the last packet or record fed, ISO-8601, or null. */
    protected final String lastTime() {
        return lastNanos == 0 ? null : EventJson.time(lastNanos);
    }

    /** Adds a committed window's anomalies to the source's; logs the first fault it isolated, with its stack. */
    private void counted(Faults f, Map<String, Long> windowAnomalies) {
        synchronized (anomalies) {
            windowAnomalies.forEach((k, v) -> anomalies.merge(k, v, Long::sum));
        }
        long n = f.total();
        if (n > 0) {
            faults.addAndGet(n);
            LOG.warn("{}: {} on {} input(s) of this window, isolated and skipped (a bug: please report it); the first:",
                    name, f.firstComponent().name(), n, f.first());
        }
    }

    /** Remembers the position reported in the status (without committing); that is progress too. */
    protected void position(String pos) {
        this.position = pos;
        positions.incrementAndGet();
    }

    /** Packets or records in a queue between the reader and the analysis, and its capacity; 0 when none. */
    protected long queued() {
        return 0;
    }

    protected long queueCapacity() {
        return 0;
    }

    public Status status() {
        State st = state;
        String health = st == State.FAILED ? "failed" : stalled && st == State.RUNNING ? "stalled" : OK;
        Map<String, Long> counted;
        synchronized (anomalies) {
            counted = java.util.Collections.unmodifiableMap(new TreeMap<>(anomalies));
        }
        return new Status(name, kind, st, message, packets.get(), flows.get(), bytes.get(), dropped.get(), malformed.get(),
                windows.get(), queued(), queueCapacity(), describe(position), startedAt, endedAt, committedPackets.get(),
                committedFlows.get(), memory == null || memory.since() == 0 ? null : EventJson.time(memory.since()),
                memory == null ? 0 : memory.restarts(), memory == null ? 0 : memory.stateBytes(),
                memory == null ? DetectionMemory.NONE : memory.memory(), health, restarts.get(), nextRestartAt, faults.get(), counted);
    }

    /** A source cannot go on: one line says why. */
    public static final class SourceException extends Exception {

        public SourceException(String message) {
            super(message);
        }
    }
}
