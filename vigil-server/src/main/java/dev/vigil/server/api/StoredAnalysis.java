package dev.vigil.server.api;

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
import dev.vigil.server.crypto.Vault;
import dev.vigil.server.ingest.Times;
import dev.vigil.server.store.Json;
import dev.vigil.server.store.Records;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Everything stored, as one analysis: what the served report shows, with the counts the sources
 * committed (packets, flows, bytes, malformed input by reason) and the assessment the service keeps
 * (open alerts hold their devices below trusted).
 */
final class StoredAnalysis {

    private StoredAnalysis() {
    }

    static AnalysisResult of(Handle h, Vault vault, TrustConfig trust) {
        List<Device> devices = Records.devices(h);
        List<Finding> findings = Records.findings(h, vault);
        long now = 0;
        String start = null;
        String end = null;
        for (Device d : devices) {
            if (d.lastSeen() != null) {
                now = Math.max(now, EventJson.nanos(d.lastSeen()));
                end = Times.max(end, d.lastSeen());
            }
            start = Times.min(start, d.firstSeen());
        }
        FindingCatalog catalog = FindingCatalog.bundled();
        Assessor.Assessment a = new Assessor(trust, catalog, Records.assets(h, vault)).assess(devices, findings, now,
                Records.unresolved(h, null));
        long[] totals = new long[3];
        Map<String, Long> malformed = new TreeMap<>();
        List<Summary.InputInfo> inputs = h.createQuery("SELECT name, kind, packets, flows, bytes, malformed_by FROM sources "
                + "ORDER BY name").mapToMap().list().stream().map(r -> {
                    long packets = ((Number) r.get("packets")).longValue();
                    long bytes = ((Number) r.get("bytes")).longValue();
                    totals[0] += packets;
                    totals[1] += ((Number) r.get("flows")).longValue();
                    totals[2] += bytes;
                    if (r.get("malformed_by") != null) {
                        Json.read((String) r.get("malformed_by"), new com.fasterxml.jackson.core.type.TypeReference<
                                Map<String, Long>>() { }).forEach((k, v) -> malformed.merge(k, v, Long::sum));
                    }
                    return new Summary.InputInfo((String) r.get("name"), "vigil serve: " + r.get("kind"), packets, bytes);
                }).toList();
        Summary.Posture posture = new Summary.Posture(a.tiers(), a.riskLevels(), a.riskMatrix(), a.tierChanges().size(),
                a.plan().stream().limit(10).toList(), a.metrics());
        Summary summary = new Summary(Version.VALUE, inputs, List.of(), totals[0], totals[2], totals[1], devices.size(),
                findings.size(), FindingGroups.of(findings, catalog).size(), Summary.count(findings, false),
                Summary.count(findings, true), Summary.devicesByType(devices), malformed,
                Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), start, end, 0, 0, posture);
        return new AnalysisResult(summary, devices, findings, a);
    }
}
