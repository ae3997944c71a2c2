package dev.vigil.detect.analysis;

import dev.vigil.detect.behavior.DnsNames;
import dev.vigil.detect.behavior.FlowMarks;
import dev.vigil.detect.behavior.Locality;
import dev.vigil.detect.behavior.MemoryBudget;
import dev.vigil.detect.behavior.Scans;
import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.detect.policy.Supersession;
import dev.vigil.engine.anomaly.Faults;
import dev.vigil.engine.event.EventJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The behavioural detectors (scanning, brute force, command and control, floods, tunnels,
 * exploits, lateral movement, behaviour profiles and the anomaly model) with the memory they
 * build: one analysis of a capture has them for its whole length, and so does a continuing one.
 * The service cuts its input into short windows for the store, but hands every window's
 * {@link DetectStage} the same Detection, so a beacon every ten minutes, a slow scan or a device's
 * learnt baseline spans windows instead of starting again at each.
 *
 * <p>At each window's end {@link #checkpoint} asks the detectors what their state shows so far and
 * returns only what changed since the previous checkpoint: new findings whole, and for findings
 * already reported the occurrences added since (their count is the difference), so a store that
 * adds counts up holds what one uninterrupted analysis would report. Not thread-safe: the thread
 * that owns the windows owns it.
 */
public final class Detection implements java.io.Serializable {

    private final FindingRecorder recorder = new FindingRecorder(FindingCatalog.bundled());
    private final List<Detector> detectors;
    private final Locality locality;
    private final FlowMarks marks;
    private final Map<String, Reported> reported = new HashMap<>();
    private long nextFlowId = 1;
    private long firstNanos;
    private long checkpoints;

    /** What was last reported of one finding: its count, its last evidence time and its severities. */
    private record Reported(long count, long lastNanos, String severities) implements java.io.Serializable {
    }

    /** The learning detectors of the registry ({@link Detectors}), with their shared memory. */
    public Detection(AnalysisConfig config) {
        this.marks = config.markFlows() ? new FlowMarks() : null;
        this.locality = new Locality(config.inventory().localNetworks());
        this.detectors = Detectors.make(Detectors.Memory.LEARNING,
                new DetectorSetup(recorder, config, new DnsNames(), new Scans(), marks, locality));
    }

    List<Detector> detectors() {
        return detectors;
    }

    Locality locality() {
        return locality;
    }

    FlowMarks marks() {
        return marks;
    }

    /** The id the next analysis's first flow gets, so ids stay unique across windows. */
    long nextFlowId() {
        return nextFlowId;
    }

    void flowIdsUsedUpTo(long next) {
        nextFlowId = Math.max(nextFlowId, next);
    }

    /** Packet time this detection started at (epoch nanoseconds); 0 before the first window. */
    public long firstNanos() {
        return firstNanos;
    }

    /** Notes the packet time of a window's start (the first one sets {@link #firstNanos}). */
    public void started(long packetNanos) {
        if (firstNanos == 0 && packetNanos > 0) {
            firstNanos = packetNanos;
        }
    }

    /** Windows checkpointed so far. */
    public long checkpoints() {
        return checkpoints;
    }

    /**
     * Bounds what the detectors remember ({@link MemoryBudget}): keys idle since before
     * {@code cutNanos} are forgotten, and what is over the budget is shed, least recently active
     * first. What earlier checkpoints reported stays (one small entry per finding, as the store has
     * a row per finding): a finding whose keys went and that comes back from keys learnt afresh is
     * counted on from where it was, never twice (until its count passes the one reported, its new
     * occurrences only move its last time).
     */
    public MemoryBudget.Use bound(long cutNanos, MemoryBudget.Limits limits, double squeeze) {
        return MemoryBudget.fit(detectors, locality, cutNanos, limits, squeeze);
    }

    /** The end of the analysis: the detectors' last word, whole (one that throws is counted in {@code faults}). */
    List<Finding> finish(DeviceIndex devices, Faults faults) {
        for (Detector d : detectors) {
            DetectStage.finish(d, devices, faults);
        }
        return Supersession.bundled().apply(recorder.resolve(devices));
    }

    /**
     * What the detectors' state shows now, against the devices of the window that ends, minus what
     * earlier checkpoints reported: a finding seen for the first time whole, one seen before only
     * when it has new occurrences (count = how many more) or new evidence time.
     */
    List<Finding> checkpoint(DeviceIndex devices, Faults faults) {
        checkpoints++;
        List<Finding> now = recorder.scratch(() -> {
            for (Detector d : detectors) {
                try {
                    d.checkpoint(devices);
                } catch (RuntimeException | StackOverflowError x) {
                    faults.record(Faults.detector(d.name()), x);
                }
            }
            return Supersession.bundled().apply(recorder.resolve(devices));
        });
        // findings the store keeps as one row (same type, device and peer) are counted together
        Map<String, List<Finding>> groups = new java.util.LinkedHashMap<>();
        for (Finding f : now) {
            groups.computeIfAbsent(key(f), k -> new ArrayList<>()).add(f);
        }
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, List<Finding>> g : groups.entrySet()) {
            long count = 0;
            long last = 0;
            StringBuilder severities = new StringBuilder();
            for (Finding f : g.getValue()) {
                count += f.count();
                last = Math.max(last, EventJson.nanos(f.lastSeen()));
                severities.append(f.severity().label()).append(',');
            }
            Reported before = reported.get(g.getKey());
            if (before != null && count <= before.count() && last <= before.lastNanos()
                    && severities.toString().equals(before.severities())) {
                continue;
            }
            long added = before == null ? count : Math.max(0, count - before.count());
            for (Finding f : g.getValue()) {
                out.add(new Finding(f.type(), f.severity(), f.title(), f.device(), f.peer(), f.firstSeen(), f.lastSeen(),
                        Math.min(added, f.count()), f.evidence(), f.standards(), f.remediation()));
                added -= Math.min(added, f.count());
            }
            reported.put(g.getKey(), new Reported(Math.max(count, before == null ? 0 : before.count()),
                    Math.max(last, before == null ? 0 : before.lastNanos()), severities.toString()));
        }
        return out;
    }

    /** One finding's identity: its type, its device and its peer (address and port). */
    static String key(Finding f) {
        String peer = f.peer() == null ? "" : f.peer().ip() + ":" + (f.peer().port() == null ? "" : f.peer().port());
        return f.type() + '|' + f.device().id() + '|' + peer;
    }
}
