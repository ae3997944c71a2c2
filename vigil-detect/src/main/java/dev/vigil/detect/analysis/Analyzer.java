package dev.vigil.detect.analysis;

import dev.vigil.detect.behavior.FlowMarks;
import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingGroups;
import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.trust.Assessor;
import dev.vigil.engine.EngineStats;
import dev.vigil.engine.Pipeline;
import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.anomaly.Faults;
import dev.vigil.engine.capture.PacketSource;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.event.EventHandoff;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.event.EventSink;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowRecord;
import dev.vigil.engine.flow.FlowSource;
import dev.vigil.engine.flow.PacketRing;
import dev.vigil.engine.net.Ip;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One analysis: the engine stage (packets into events, {@link Pipeline}) feeding the detect stage
 * ({@link DetectStage}: events into devices and findings), then trust, risk and the summary. Inputs
 * come as packets ({@link #add(String, PacketSource, Progress)}), flow records
 * ({@link #add(String, FlowSource, Progress)}) or events ({@link #acceptEvent}), all on the calling
 * thread (with the detectors and the inventory on threads of their own when asked,
 * {@link #Analyzer(AnalysisConfig, int)}, each fed the same events in the same order); time comes
 * from the inputs, so the same inputs give the same inventory and findings.
 */
public final class Analyzer {

    static final int PROGRESS_EVERY = 1 << 16;

    private final AnalysisConfig config;
    private final Pipeline pipeline;
    private final DetectStage detect;
    private final EventSink dispatch;
    private final EventHandoff detectorThread;
    private final EventHandoff inventoryThread;
    /** The stage threads there are (none on one thread). */
    private final List<EventHandoff> stageThreads;
    private final Faults detectorFaults;
    private final Faults inventoryFaults;
    private final boolean continuing;
    private long flowsRead;
    private final List<Summary.InputInfo> inputs = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private long spanFirst = Long.MAX_VALUE;
    private long spanLast = Long.MIN_VALUE;
    private final long started = System.nanoTime();

    public Analyzer(AnalysisConfig config) {
        this(config, null);
    }

    /**
     * An analysis whose behavioural detection continues one that came before: the service runs one
     * Analyzer per window and the same {@link Detection} through all of them.
     *
     * @param shared the detection to continue, or null for one of this analysis's own
     */
    public Analyzer(AnalysisConfig config, Detection shared) {
        this(config, shared, List.of());
    }

    /**
     * An analysis on {@code threads} threads. The engine stage runs on the calling thread; with two
     * threads the detectors (and the event log) run on a second one, with three or more the
     * inventory on a third (else on the engine's thread, which has time to spare). Each is fed every
     * event in the engine's order through an {@link EventHandoff}, and the two share nothing until
     * the end, so the inventory and findings are those of one thread. More than three threads are
     * not used yet.
     */
    public Analyzer(AnalysisConfig config, int threads) {
        this(config, null, List.of(), threads);
    }

    /** An analysis with more detectors listening (the tests' brittle ones), after the window's checks. */
    Analyzer(AnalysisConfig config, Detection shared, List<Detector> extra) {
        this(config, shared, extra, 1);
    }

    Analyzer(AnalysisConfig config, Detection shared, List<Detector> extra, int threads) {
        this.config = config;
        EventSink log = config.eventLog();
        DetectStage[] stage = new DetectStage[1];
        EventSink inventory = e -> stage[0].inventory(e);
        EventSink detectors = log == EventSink.NONE ? e -> stage[0].detectors(e) : e -> {
            stage[0].detectors(e);
            log.accept(e);
        };
        this.detectorThread = threads > 1 ? new EventHandoff("vigil-detect", detectors) : null;
        this.inventoryThread = threads > 2 ? new EventHandoff("vigil-inventory", inventory) : null;
        this.stageThreads = java.util.stream.Stream.of(detectorThread, inventoryThread).filter(t -> t != null).toList();
        EventSink toInventory = inventoryThread != null ? inventoryThread : inventory;
        EventSink toDetectors = detectorThread != null ? detectorThread : detectors;
        this.dispatch = e -> {
            toInventory.accept(e);
            toDetectors.accept(e);
        };
        this.pipeline = new Pipeline(config.engine(), dispatch);
        // a half with a thread of its own counts its faults apart, merged at the end
        this.detectorFaults = detectorThread != null ? new AnomalyCounters().faults() : pipeline.faults();
        this.inventoryFaults = inventoryThread != null ? new AnomalyCounters().faults() : pipeline.faults();
        this.detect = new DetectStage(config, shared, extra, detectorFaults, inventoryFaults);
        stage[0] = detect;
        this.continuing = detect.detection() != null && shared != null;
        if (continuing) {
            pipeline.numberFlowsFrom(shared.nextFlowId());
        }
    }

    /** Keeps the recent packets of every flow in {@code ring} (see {@link Pipeline#keepPackets}). */
    public void keepPackets(PacketRing ring) {
        pipeline.keepPackets(ring);
    }

    /** Where the readers of this analysis's inputs count what they cannot read. */
    public AnomalyCounters anomalies() {
        return pipeline.anomalies();
    }

    /**
     * Reads a packet source to its end: every packet through the engine stage, whose events go to
     * the detect stage. Flows still open at the end are ended (the next input's time line starts
     * afresh), also when reading fails.
     */
    public void add(String name, PacketSource src, Progress progress) throws IOException {
        RawPacket raw = new RawPacket();
        long packets = 0;
        InputClock clock = new InputClock(config.today());
        try {
            long total = src.totalBytes();
            while (src.next(raw)) {
                clock.seen(raw.timestampNanos);
                pipeline.accept(raw);
                if ((++packets & (PROGRESS_EVERY - 1)) == 0) {
                    progress.update(name, src.bytesRead(), total, packets, false);
                }
            }
            progress.update(name, src.bytesRead(), total, packets, true);
        } finally {
            pipeline.endOfInput();
        }
        noteInput(name, src.format(), packets, src.bytesRead(), clock, "packet");
    }

    /** Reads a flow source to its end: each record to the detect stage, as a flow the engine made. */
    public void add(String name, FlowSource src, Progress progress) throws IOException {
        long total = src.totalBytes();
        long n = 0;
        InputClock clock = new InputClock(config.today());
        FlowRecord r;
        while ((r = src.next()) != null) {
            clock.seen(r.flow().firstSeen());
            accept(r);
            if ((++n & (PROGRESS_EVERY - 1)) == 0) {
                progress.update(name, Math.max(0, src.bytesRead()), total, n, false);
            }
        }
        progress.update(name, total, total, n, true);
        noteInput(name, src.format(), n, total, clock, "record");
    }

    private void noteInput(String name, String format, long n, long bytes, InputClock clock, String what) {
        inputs.add(new Summary.InputInfo(name, format, n, bytes, clock.firstTime(), clock.lastTime(), clock.implausible));
        String w = clock.warning(name, what);
        if (w != null) {
            warnings.add(w);
        }
        spanFirst = Math.min(spanFirst, clock.first);
        spanLast = Math.max(spanLast, clock.last);
    }

    /** Feeds one packet (continuous ingestion: the caller owns the source). */
    public void accept(RawPacket raw) {
        pipeline.accept(raw);
    }

    /** Feeds one flow record, with what its tool said of the two ends' locality. */
    public void accept(FlowRecord r) {
        if (Boolean.TRUE.equals(r.localOrig())) {
            markLocal(r.flow().flow().clientIp());
        }
        if (Boolean.TRUE.equals(r.localResp())) {
            markLocal(r.flow().flow().serverIp());
        }
        acceptFlow(r.flow());
    }

    private void markLocal(Ip ip) {
        on(inventoryThread, () -> detect.markInventoryLocal(ip));
        on(detectorThread, () -> detect.hintLocality(ip));
    }

    /** Runs {@code action} on the hand-off's thread in line with the events, or now without one. */
    private static void on(EventHandoff thread, Runnable action) {
        if (thread != null) {
            thread.run(action);
        } else {
            action.run();
        }
    }

    /**
     * Returns once the detectors and the inventory have handled every event so far (at once on one
     * thread): before the caller closes what the event log writes to.
     */
    public void sync() {
        stageThreads.forEach(EventHandoff::sync);
    }

    /** Feeds one flow record from another tool (NetFlow, IPFIX, a tailed conn.log). */
    public void acceptFlow(FlowEnded flow) {
        dispatch.accept(flow);
        flowsRead++;
    }

    /** Feeds one event from a source other than the engine (a decoy, an authentication log, a replay). */
    public void acceptEvent(Event e) {
        dispatch.accept(e);
    }

    /** The end of a stream: flows still open are ended and reported. */
    public void endOfInput() {
        pipeline.endOfInput();
    }

    /** Records an input read by the caller, for the summary. */
    public void noteInput(String name, String format, long packets, long bytes) {
        inputs.add(new Summary.InputInfo(name, format, packets, bytes));
    }

    /**
     * Stops the threads of an analysis given up on (an input that cannot be read) without finishing
     * it: what was handed over is handled, nothing more may be fed. Nothing to do on one thread.
     */
    public void abandon() {
        for (EventHandoff h : stageThreads) {
            try {
                h.close();
            } catch (RuntimeException e) {
                // a stage that failed: moot, the analysis is given up
            }
        }
    }

    /** Closes the detect stage, then assesses the devices and builds the summary. */
    public AnalysisResult finish() {
        stageThreads.forEach(EventHandoff::close);
        if (detect.detection() != null) {
            detect.detection().flowIdsUsedUpTo(pipeline.nextFlowId());
        }
        DetectStage.Result window = detect.close();
        for (Faults f : new Faults[] {detectorFaults, inventoryFaults}) {
            if (f != pipeline.faults()) {
                pipeline.faults().addAll(f);
            }
        }
        List<Device> devices = window.devices();
        List<Finding> findings = window.findings();
        EngineStats s = pipeline.stats();
        AnomalyCounters a = pipeline.anomalies();
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Long> byType = Summary.count(findings, false);
        Map<String, Long> bySeverity = Summary.count(findings, true);
        Map<String, Long> devicesByType = Summary.devicesByType(devices);
        long now = devices.stream().mapToLong(d -> d.lastSeen() == null ? 0 : EventJson.nanos(d.lastSeen())).max().orElse(0);
        Assessor.Assessment assessment = new Assessor(config.trust(), FindingCatalog.bundled(), config.assets())
                .assess(devices, findings, now);
        Summary.Posture posture = new Summary.Posture(assessment.tiers(), assessment.riskLevels(), assessment.riskMatrix(),
                assessment.tierChanges().size(), assessment.plan().stream().limit(10).toList(), assessment.metrics());
        // the span of plausible stamps when the inputs said (the service notes its inputs without clocks)
        long first = spanFirst != Long.MAX_VALUE ? spanFirst : s.firstPacketNanos();
        long last = spanLast != Long.MIN_VALUE ? spanLast : s.lastPacketNanos();
        int groups = FindingGroups.of(findings, FindingCatalog.bundled()).size();
        Summary summary = new Summary(Version.VALUE, List.copyOf(inputs), List.copyOf(warnings), s.packets(), s.wireBytes(),
                s.flowsCreated() + flowsRead, devices.size(), findings.size(), groups, byType, bySeverity, devicesByType,
                a.snapshot(Anomaly.Kind.MALFORMED), a.snapshot(Anomaly.Kind.TRUNCATED), a.snapshot(Anomaly.Kind.UNSUPPORTED),
                a.snapshot(Anomaly.Kind.LIMIT), a.snapshot(Anomaly.Kind.NOTE), a.snapshot(Anomaly.Kind.FAULT), s.byLayer(),
                s.byTransport(), s.flowsByService(), s.flowsEnded(),
                first == 0 ? null : EventJson.time(first), last == 0 ? null : EventJson.time(last),
                Math.round(seconds * 1000) / 1000.0,
                seconds > 0 ? Math.round(s.packets() / seconds) : 0, posture);
        return new AnalysisResult(summary, devices, findings, assessment);
    }

    /** What failed on which input so far: the engine's faults and this analysis's listeners'. */
    public Faults faults() {
        return pipeline.faults();
    }

    /** Which flows detection findings rest on, when {@link AnalysisConfig#markFlows()} is on; else null. */
    public FlowMarks flowMarks() {
        return detect.marks();
    }

    public EngineStats engineStats() {
        return pipeline.stats();
    }
}
