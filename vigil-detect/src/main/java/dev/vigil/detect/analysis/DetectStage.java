package dev.vigil.detect.analysis;

import dev.vigil.detect.behavior.FlowMarks;
import dev.vigil.detect.behavior.Locality;
import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.inventory.Inventory;
import dev.vigil.detect.inventory.observe.Observers;
import dev.vigil.detect.policy.Supersession;
import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.anomaly.Faults;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.event.EventSink;
import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.List;

/**
 * The detect stage: events in, a window's devices and findings out. Events from any source enter
 * here the same way: the engine's (packets made into events), flow records of other tools, or
 * events recorded elsewhere and replayed. Each event goes to the inventory, then to every detector
 * of the registry ({@link Detectors}) in order; {@link #close} resolves the inventory and asks the
 * detectors what they found.
 *
 * <p>A stage is one window. The checks that judge what a window shows start afresh with each stage;
 * the learning detectors live in a {@link Detection} that a stage either owns (one analysis: the
 * window is the whole input) or continues (the service: one stage per window, the same Detection
 * through all of them), or none when behavioural detection is off.
 *
 * <p>Every listener is isolated like the engine's dissectors: an inventory observer that throws on
 * an event is counted as {@code fault.inventory}, a detector as {@code fault.detector.NAME}; that
 * listener misses that event, every other one sees it, and the analysis goes on (see
 * {@link Faults}). Not thread-safe: one thread feeds a stage, or one each of its two halves
 * ({@link #inventory} and {@link #detectors}).
 */
public final class DetectStage implements EventSink {

    static final Anomaly INVENTORY_FAULT = Faults.component("inventory",
            "the inventory failed on an event; it missed that event, the detectors did not");

    /**
     * What a window shows.
     *
     * @param devices its devices, resolved and classified, by id
     * @param findings its findings: every finding of the window's checks, and of the learning
     *     detectors what is new since the last window (a whole analysis: everything)
     */
    public record Result(List<Device> devices, List<Finding> findings) {
    }

    private final Inventory inventory;
    private final FindingRecorder recorder = new FindingRecorder(FindingCatalog.bundled());
    private final List<Detector> windowDetectors;
    private final Detector[] all;
    private final Anomaly[] detectorFaults;
    private final Detection detection;
    private final boolean continuing;
    private final FlowMarks marks;
    private final Locality locality;
    private final Faults faults;
    private final Faults inventoryFaults;

    /**
     * @param continued the learning memory this window continues, or null for one of its own (none
     *     when the configuration turns detection off)
     * @param extra more detectors after the window's checks (the tests' brittle ones)
     * @param faults where failures of the detectors are counted
     * @param inventoryFaults where failures of the inventory are counted (the same, on one thread)
     */
    DetectStage(AnalysisConfig config, Detection continued, List<Detector> extra, Faults faults, Faults inventoryFaults) {
        this.faults = faults;
        this.inventoryFaults = inventoryFaults;
        this.inventory = new Inventory(config.inventory(), Observers.ALL);
        this.detection = !config.detect() ? null : continued != null ? continued : new Detection(config);
        this.continuing = detection != null && continued != null;
        this.marks = detection != null ? detection.marks() : config.markFlows() ? new FlowMarks() : null;
        this.locality = detection != null ? detection.locality() : new Locality(List.of());
        this.windowDetectors = new ArrayList<>(Detectors.make(Detectors.Memory.WINDOW,
                new DetectorSetup(recorder, config, null, null, marks, locality)));
        windowDetectors.addAll(extra);
        List<Detector> listening = new ArrayList<>(windowDetectors);
        if (detection != null) {
            listening.addAll(detection.detectors());
        }
        this.all = listening.toArray(Detector[]::new);
        this.detectorFaults = new Anomaly[all.length];
        for (int i = 0; i < all.length; i++) {
            detectorFaults[i] = Faults.detector(all[i].name());
        }
    }

    /** A stage of its own: one whole analysis of events that come from anywhere but the engine. */
    public DetectStage(AnalysisConfig config, Faults faults) {
        this(config, null, List.of(), faults, faults);
    }

    @Override
    public void accept(Event e) {
        inventory(e);
        detectors(e);
    }

    /**
     * The inventory's half of {@link #accept}. The inventory and the detectors share nothing while
     * events arrive (the detectors meet the devices only at {@link #close}), so each half may run on
     * a thread of its own, each fed every event in order.
     */
    void inventory(Event e) {
        try {
            inventory.accept(e);
        } catch (RuntimeException | StackOverflowError x) {
            inventoryFaults.record(INVENTORY_FAULT, x);
        }
    }

    /** The detectors' half of {@link #accept}: every detector, in order. */
    void detectors(Event e) {
        for (int i = 0; i < all.length; i++) {
            try {
                all[i].accept(e);
            } catch (RuntimeException | StackOverflowError x) {
                faults.record(detectorFaults[i], x);
            }
        }
    }

    /** Another tool (Zeek's local_orig/local_resp) says this address belongs to the monitored networks. */
    public void markLocal(Ip ip) {
        markInventoryLocal(ip);
        hintLocality(ip);
    }

    /** The inventory's half of {@link #markLocal}. */
    void markInventoryLocal(Ip ip) {
        inventory.markLocal(ip);
    }

    /** The detectors' half of {@link #markLocal}. */
    void hintLocality(Ip ip) {
        locality.hint(ip);
    }

    /**
     * Ends the window: resolves the inventory, runs the end-of-window checks and collects the
     * findings, sorted. The stage is done after it.
     */
    public Result close() {
        List<Device> devices = inventory.devices();
        DeviceIndex index = new DeviceIndex(devices);
        for (Detector d : windowDetectors) {
            finish(d, index, faults);
        }
        List<Finding> findings = Supersession.bundled().apply(recorder.resolve(index));
        if (detection != null) {
            findings = new ArrayList<>(findings);
            findings.addAll(continuing ? detection.checkpoint(index, faults) : detection.finish(index, faults));
            findings.sort(FindingRecorder.ORDER);
        }
        return new Result(devices, findings);
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

    /** The learning memory, or null when detection is off. */
    Detection detection() {
        return detection;
    }

    /** Which flows detection findings rest on, when the configuration keeps them; else null. */
    FlowMarks marks() {
        return marks;
    }
}
