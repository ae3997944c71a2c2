package dev.vigil.detect.analysis;

import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.detect.hygiene.CredentialChecks;
import dev.vigil.detect.hygiene.DefaultCredentials;
import dev.vigil.detect.hygiene.ServiceChecks;
import dev.vigil.detect.hygiene.TlsChecks;
import dev.vigil.detect.hygiene.UpdateChecks;
import dev.vigil.detect.vuln.VulnerabilityChecks;
import dev.vigil.engine.event.Event;
import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.inventory.Inventory;
import dev.vigil.engine.EngineStats;
import dev.vigil.engine.Pipeline;
import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.capture.CaptureFormatException;
import dev.vigil.engine.capture.Captures;
import dev.vigil.engine.capture.PacketSource;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.event.EventSink;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One analysis: inputs in, inventory and findings out. Runs the engine and everything that listens
 * to it on the calling thread; time comes from the packets, so the same inputs give the same
 * inventory and findings.
 */
public final class Analyzer {

    static final int PROGRESS_EVERY = 1 << 16;

    private final AnalysisConfig config;
    private final Inventory inventory;
    private final FindingRecorder findings = new FindingRecorder(FindingCatalog.bundled());
    private final List<Detector> detectors = new ArrayList<>();
    private final Pipeline pipeline;
    private final List<Summary.InputInfo> inputs = new ArrayList<>();
    private final long started = System.nanoTime();

    public Analyzer(AnalysisConfig config) {
        this.config = config;
        this.inventory = new Inventory(config.inventory());
        detectors.add(new CredentialChecks(findings, DefaultCredentials.bundled()));
        detectors.add(new ServiceChecks(findings));
        detectors.add(new TlsChecks(findings));
        detectors.add(new UpdateChecks(findings));
        if (config.intel() != null) {
            detectors.add(new VulnerabilityChecks(findings, config.intel(), config.today()));
        }
        Detector[] all = detectors.toArray(Detector[]::new);
        EventSink log = config.eventLog();
        boolean logging = log != EventSink.NONE;
        Inventory inv = inventory;
        this.pipeline = new Pipeline(config.engine(), (Event e) -> {
            inv.accept(e);
            for (Detector d : all) {
                d.accept(e);
            }
            if (logging) {
                log.accept(e);
            }
        });
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
        try (PacketSource src = Captures.open(name, config.captures(), pipeline.anomalies())) {
            format = src.format();
            long total = src.totalBytes();
            while (src.next(raw)) {
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
            throw new InputException(e.getMessage());
        } catch (IOException e) {
            throw new InputException(name + ": cannot read: " + e.getMessage());
        } finally {
            pipeline.endOfInput();
        }
        inputs.add(new Summary.InputInfo(name, format, packets, bytes));
    }

    /** Resolves the inventory, runs the end-of-analysis checks and builds the summary. */
    public AnalysisResult finish() {
        List<Device> devices = inventory.devices();
        DeviceIndex index = new DeviceIndex(devices);
        for (Detector d : detectors) {
            d.finish(index);
        }
        List<Finding> findings = this.findings.resolve(index);
        EngineStats s = pipeline.stats();
        AnomalyCounters a = pipeline.anomalies();
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Long> byType = new TreeMap<>();
        Map<String, Long> bySeverity = new TreeMap<>();
        for (Finding f : findings) {
            byType.merge(f.type(), 1L, Long::sum);
            bySeverity.merge(f.severity().label(), 1L, Long::sum);
        }
        Map<String, Long> devicesByType = new TreeMap<>();
        for (Device d : devices) {
            devicesByType.merge(d.type(), 1L, Long::sum);
        }
        Summary summary = new Summary(Version.VALUE, List.copyOf(inputs), s.packets(), s.wireBytes(), s.flowsCreated(),
                devices.size(), findings.size(), byType, bySeverity, devicesByType, a.snapshot(Anomaly.Kind.MALFORMED),
                a.snapshot(Anomaly.Kind.TRUNCATED), a.snapshot(Anomaly.Kind.UNSUPPORTED), a.snapshot(Anomaly.Kind.LIMIT),
                a.snapshot(Anomaly.Kind.NOTE), s.byLayer(), s.byTransport(), s.flowsByService(), s.flowsEnded(),
                s.firstPacketNanos() == 0 ? null : EventJson.time(s.firstPacketNanos()),
                s.lastPacketNanos() == 0 ? null : EventJson.time(s.lastPacketNanos()), Math.round(seconds * 1000) / 1000.0,
                seconds > 0 ? Math.round(s.packets() / seconds) : 0);
        return new AnalysisResult(summary, devices, findings);
    }

    public EngineStats engineStats() {
        return pipeline.stats();
    }
}
