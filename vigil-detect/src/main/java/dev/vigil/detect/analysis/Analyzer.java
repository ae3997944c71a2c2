package dev.vigil.detect.analysis;

import dev.vigil.detect.behavior.FlowMarks;
import dev.vigil.detect.behavior.Locality;
import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingGroups;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.detect.flows.ZeekConnReader;
import dev.vigil.detect.hygiene.CredentialChecks;
import dev.vigil.detect.hygiene.DefaultCredentials;
import dev.vigil.detect.hygiene.ServiceChecks;
import dev.vigil.detect.hygiene.TlsChecks;
import dev.vigil.detect.hygiene.UpdateChecks;
import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.inventory.Inventory;
import dev.vigil.detect.trust.Assessor;
import dev.vigil.detect.vuln.VulnerabilityChecks;
import dev.vigil.engine.EngineStats;
import dev.vigil.engine.Pipeline;
import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.anomaly.Faults;
import dev.vigil.engine.capture.CaptureFormatException;
import dev.vigil.engine.capture.Captures;
import dev.vigil.engine.capture.PacketSource;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.event.EventSink;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One analysis: inputs in, inventory and findings out. Runs the engine and everything that listens
 * to it on the calling thread; time comes from the packets, so the same inputs give the same
 * inventory and findings.
 *
 * <p>Every listener is isolated like the engine's dissectors: an inventory observer that throws on
 * an event is counted as {@code fault.inventory}, a detector as {@code fault.detector.NAME}; that
 * listener misses that event, every other one sees it, and the analysis goes on (see
 * {@link Faults}).
 */
public final class Analyzer {

    static final int PROGRESS_EVERY = 1 << 16;

    static final Anomaly INVENTORY_FAULT = Faults.component("inventory",
            "the inventory failed on an event; it missed that event, the detectors did not");

    private final AnalysisConfig config;
    private final Inventory inventory;
    private final FindingRecorder findings = new FindingRecorder(FindingCatalog.bundled());
    private final List<Detector> detectors = new ArrayList<>();
    private final Pipeline pipeline;
    private final EventSink dispatch;
    private final FlowMarks marks;
    /** The behavioural detection: this analysis's own, or one it continues (null: detection off). */
    private final Detection detection;
    private final boolean continuing;
    private Locality locality = new Locality(java.util.List.of());
    private java.util.function.Consumer<ZeekConnReader.Row> flowRows = r -> { };
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

    /** An analysis with more detectors listening (the tests' brittle ones), after the bundled ones. */
    Analyzer(AnalysisConfig config, Detection shared, List<Detector> extra) {
        this.config = config;
        this.inventory = new Inventory(config.inventory());
        detectors.add(new CredentialChecks(findings, DefaultCredentials.bundled()));
        detectors.add(new ServiceChecks(findings));
        detectors.add(new TlsChecks(findings));
        detectors.add(new UpdateChecks(findings));
        if (config.intel() != null) {
            detectors.add(new VulnerabilityChecks(findings, config.intel(), config.today()));
        }
        detectors.addAll(extra);
        this.detection = !config.detect() ? null : shared != null ? shared : new Detection(config);
        this.continuing = this.detection != null && shared != null;
        if (this.detection != null) {
            this.marks = detection.marks();
            this.locality = detection.locality();
        } else {
            this.marks = config.markFlows() ? new FlowMarks() : null;
        }
        List<Detector> listening = new ArrayList<>(detectors);
        if (this.detection != null) {
            listening.addAll(this.detection.detectors());
        }
        Detector[] all = listening.toArray(Detector[]::new);
        Anomaly[] detectorFaults = new Anomaly[all.length];
        for (int i = 0; i < all.length; i++) {
            detectorFaults[i] = Faults.detector(all[i].name());
        }
        EventSink log = config.eventLog();
        boolean logging = log != EventSink.NONE;
        Inventory inv = inventory;
        this.dispatch = (Event e) -> {
            try {
                inv.accept(e);
            } catch (RuntimeException | StackOverflowError x) {
                faults().record(INVENTORY_FAULT, x);
            }
            for (int i = 0; i < all.length; i++) {
                try {
                    all[i].accept(e);
                } catch (RuntimeException | StackOverflowError x) {
                    faults().record(detectorFaults[i], x);
                }
            }
            if (logging) {
                log.accept(e);
            }
        };
        this.pipeline = new Pipeline(config.engine(), dispatch);
        if (continuing) {
            pipeline.numberFlowsFrom(detection.nextFlowId());
        }
    }

    /** Keeps the recent packets of every flow in {@code ring} (see {@link Pipeline#keepPackets}). */
    public void keepPackets(dev.vigil.engine.capture.PacketRing ring) {
        pipeline.keepPackets(ring);
    }

    /**
     * Reads one input: a capture (a file path, or "-" for standard input) or a Zeek conn.log (TSV,
     * JSON lines or CSV), recognised from its content.
     *
     * @throws InputException when it cannot be read or is neither
     */
    public void addInput(String name, Progress progress) throws InputException {
        if (!name.equals("-")) {
            Path p = Path.of(name);
            if (Files.isRegularFile(p)) {
                try {
                    if (ZeekConnReader.detect(p) != null) {
                        addFlows(p, progress);
                        return;
                    }
                } catch (IOException e) {
                    // unreadable: the capture path says so in its own words
                }
            }
        }
        addCapture(name, progress);
    }

    /** Reads a Zeek conn.log: each row goes to the inventory and the detectors as a flow. */
    public void addFlows(Path file, Progress progress) throws InputException {
        String name = file.toString();
        long total;
        try {
            total = Files.size(file);
        } catch (IOException e) {
            throw new InputException(name + ": cannot read: " + e.getMessage());
        }
        try (ZeekConnReader r = ZeekConnReader.open(file, pipeline.anomalies())) {
            if (r == null) {
                throw new InputException(name + ": not a Zeek conn.log");
            }
            ZeekConnReader.Row row;
            long n = 0;
            InputClock clock = new InputClock(config.today());
            while ((row = r.next()) != null) {
                clock.seen(row.flow().firstSeen());
                if (Boolean.TRUE.equals(row.localOrig())) {
                    inventory.markLocal(row.flow().flow().clientIp());
                    locality.hint(row.flow().flow().clientIp());
                }
                if (Boolean.TRUE.equals(row.localResp())) {
                    inventory.markLocal(row.flow().flow().serverIp());
                    locality.hint(row.flow().flow().serverIp());
                }
                flowRows.accept(row);
                dispatch.accept(row.flow());
                flowsRead++;
                if ((++n & (PROGRESS_EVERY - 1)) == 0) {
                    progress.update(name, 0, total, n, false);
                }
            }
            progress.update(name, total, total, n, true);
            noteInput(name, "zeek-conn-" + r.format().name().toLowerCase(java.util.Locale.ROOT), n, total, clock, "record");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InputException(name + ": no such file");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new InputException(name + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Reads one capture (a file path, or "-" for standard input).
     *
     * @throws InputException when it cannot be read or is not a capture
     */
    public void addCapture(String name, Progress progress) throws InputException {
        RawPacket raw = new RawPacket();
        long packets = 0;
        long bytes = 0;
        String format;
        InputClock clock = new InputClock(config.today());
        try (PacketSource src = Captures.open(name, config.captures(), pipeline.anomalies())) {
            format = src.format();
            long total = src.totalBytes();
            while (src.next(raw)) {
                clock.seen(raw.timestampNanos);
                pipeline.accept(raw);
                if ((++packets & (PROGRESS_EVERY - 1)) == 0) {
                    progress.update(name, src.bytesRead(), total, packets, false);
                }
            }
            bytes = src.bytesRead();
            progress.update(name, bytes, total, packets, true);
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such file");
        } catch (AccessDeniedException e) {
            throw new InputException(name + ": permission denied");
        } catch (CaptureFormatException e) {
            throw new InputException(e.getMessage().replace("not a pcap or pcapng capture",
                    "not a pcap or pcapng capture, nor a Zeek conn.log"));
        } catch (IOException e) {
            throw new InputException(name + ": cannot read: " + e.getMessage());
        } finally {
            pipeline.endOfInput();
        }
        noteInput(name, format, packets, bytes, clock, "packet");
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

    /** Resolves the inventory, runs the end-of-analysis checks and builds the summary. */
    public AnalysisResult finish() {
        List<Device> devices = inventory.devices();
        DeviceIndex index = new DeviceIndex(devices);
        for (Detector d : detectors) {
            finish(d, index, faults());
        }
        List<Finding> findings = supersede(this.findings.resolve(index));
        if (detection != null) {
            detection.flowIdsUsedUpTo(pipeline.nextFlowId());
            findings = new ArrayList<>(findings);
            findings.addAll(continuing ? detection.checkpoint(index, faults()) : detection.finish(index, faults()));
            findings.sort(FindingRecorder.ORDER);
        }
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

    /**
     * Ends one detector (its last word): one that throws is counted as its fault and the others
     * still decide.
     */
    static void finish(Detector d, DeviceIndex index, Faults faults) {
        try {
            d.finish(index);
        } catch (RuntimeException | StackOverflowError x) {
            faults.record(Faults.detector(d.name()), x);
        }
    }

    /** What failed on which input so far: the engine's faults and this analysis's listeners'. */
    public Faults faults() {
        return pipeline.faults();
    }

    /**
     * Findings that say better what another one about the same device and peer address says, by the
     * type they replace: a flood to random ports also looks like a port scan of its victim, and the
     * flood is what happened. One analysis drops the replaced finding; the service removes its row
     * when the better one arrives in a later window.
     */
    public static final Map<String, String> SUPERSEDES = Map.of("attack.ddos_participation", "attack.scan_vertical");

    static List<Finding> supersede(List<Finding> all) {
        java.util.Set<String> better = new java.util.HashSet<>();
        for (Finding f : all) {
            String replaced = SUPERSEDES.get(f.type());
            if (replaced != null && f.peer() != null) {
                better.add(replaced + "|" + f.device().id() + "|" + f.peer().ip());
            }
        }
        if (better.isEmpty()) {
            return all;
        }
        return all.stream().filter(f -> f.peer() == null
                || !better.contains(f.type() + "|" + f.device().id() + "|" + f.peer().ip())).toList();
    }

    /** Which flows detection findings rest on, when {@link AnalysisConfig#markFlows()} is on; else null. */
    public FlowMarks flowMarks() {
        return marks;
    }

    /** Feeds one packet (continuous ingestion: the caller owns the source). */
    public void accept(RawPacket raw) {
        pipeline.accept(raw);
    }

    /** Feeds one flow record from another tool (NetFlow, IPFIX, a tailed conn.log). */
    public void acceptFlow(dev.vigil.engine.flow.FlowEnded flow) {
        dispatch.accept(flow);
        flowsRead++;
    }

    /** The end of a stream: flows still open are ended and reported. */
    public void endOfInput() {
        pipeline.endOfInput();
    }

    /** Records an input read by the caller, for the summary. */
    public void noteInput(String name, String format, long packets, long bytes) {
        inputs.add(new Summary.InputInfo(name, format, packets, bytes));
    }

    /** Sees every conn.log row as it is read (labels for {@code vigil eval}). */
    public void onFlowRow(java.util.function.Consumer<ZeekConnReader.Row> listener) {
        this.flowRows = listener;
    }

    public EngineStats engineStats() {
        return pipeline.stats();
    }
}
