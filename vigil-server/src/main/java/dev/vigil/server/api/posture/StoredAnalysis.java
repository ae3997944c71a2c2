package dev.vigil.server.api.posture;

import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.analysis.Summary;
import dev.vigil.detect.analysis.Version;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingGroups;
import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.trust.Assessor;
import dev.vigil.detect.trust.TrustConfig;
import dev.vigil.engine.event.EventJson;
import dev.vigil.server.ingest.Times;
import dev.vigil.store.alerts.AlertStore;
import dev.vigil.store.devices.DeviceStore;
import dev.vigil.store.findings.FindingIds;
import dev.vigil.store.findings.FindingStore;
import dev.vigil.store.sources.SourceRow;
import dev.vigil.store.sources.SourceStore;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Everything stored, as one analysis: what the served report shows, with the counts the sources
 * committed (packets, flows, bytes, malformed input by reason) and the assessment the service keeps
 * (open alerts hold their devices below trusted).
 */
public final class StoredAnalysis implements Supplier<AnalysisResult> {

    private final DeviceStore devices;
    private final FindingStore findings;
    private final AlertStore alerts;
    private final SourceStore sources;
    private final TrustConfig trust;

    public StoredAnalysis(DeviceStore devices, FindingStore findings, AlertStore alerts, SourceStore sources, TrustConfig trust) {
        this.devices = devices;
        this.findings = findings;
        this.alerts = alerts;
        this.sources = sources;
        this.trust = trust;
    }

    @Override
    public AnalysisResult get() {
        List<Device> all = devices.inventories();
        List<Finding> found = findings.all();
        long now = 0;
        String start = null;
        String end = null;
        for (Device d : all) {
            if (d.lastSeen() != null) {
                now = Math.max(now, EventJson.nanos(d.lastSeen()));
                end = Times.max(end, d.lastSeen());
            }
            start = Times.min(start, d.firstSeen());
        }
        FindingCatalog catalog = FindingCatalog.bundled();
        Set<String> open = alerts.unresolvedFindings(null);
        Assessor.Assessment a = new Assessor(trust, catalog, devices.assets()).assess(all, found, now,
                f -> open.contains(FindingIds.of(f)));
        long[] totals = new long[3];
        Map<String, Long> malformed = new TreeMap<>();
        List<Summary.InputInfo> inputs = sources.all().stream().map(r -> input(r, totals, malformed)).toList();
        Summary.Posture posture = new Summary.Posture(a.tiers(), a.riskLevels(), a.riskMatrix(), a.tierChanges().size(),
                a.plan().stream().limit(10).toList(), a.metrics());
        Summary summary = new Summary(Version.VALUE, inputs, List.of(), totals[0], totals[2], totals[1], all.size(),
                found.size(), FindingGroups.of(found, catalog).size(), Summary.count(found, false),
                Summary.count(found, true), Summary.devicesByType(all), malformed,
                Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), start, end, 0, 0, posture);
        return new AnalysisResult(summary, all, found, a);
    }

    /** A source as an input of the summary; its counts added to the totals (packets, flows, bytes) and malformed input. */
    private static Summary.InputInfo input(SourceRow r, long[] totals, Map<String, Long> malformed) {
        totals[0] += r.packets();
        totals[1] += r.flows();
        totals[2] += r.bytes();
        r.malformedBy().forEach((k, v) -> malformed.merge(k, v, Long::sum));
        return new Summary.InputInfo(r.name(), "vigil serve: " + r.kind(), r.packets(), r.bytes());
    }
}
