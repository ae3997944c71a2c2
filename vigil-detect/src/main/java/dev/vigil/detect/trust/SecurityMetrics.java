package dev.vigil.detect.trust;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingType;
import dev.vigil.detect.inventory.Device;
import dev.vigil.engine.event.EventJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The numbers that say whether the security programme works: firmware currency, compliance with the
 * baseline traffic can check (the ETSI EN 303 645 provisions and OWASP IoT Top 10 items the finding
 * catalogue maps to), vulnerabilities by severity, and mean time to detect. Mean time to respond and
 * trends need alert lifecycles and stored history: {@code vigil serve} keeps those.
 */
public final class SecurityMetrics {

    /**
     * @param devicesWithKnownLatest devices whose latest firmware the catalogue knows and whose own version was seen
     * @param onLatest of those, devices on it
     * @param percent share on the latest, or null when none is known
     */
    public record FirmwareCurrency(int devicesWithKnownLatest, int onLatest, Double percent) {
    }

    /**
     * @param checks the baseline: provisions and items traffic can show
     * @param overallPercent mean share of checks each device passes
     * @param fullyCompliant devices with no failed check
     * @param byCheck share of devices passing each check
     */
    public record Compliance(List<String> checks, double overallPercent, int fullyCompliant, Map<String, Double> byCheck) {
    }

    /**
     * @param alerts detection findings
     * @param meanTimeToDetectSeconds mean time from first evidence to the alert, or null without alerts
     * @param meanTimeToRespond why it is not here
     */
    public record Detection(int alerts, Double meanTimeToDetectSeconds, String meanTimeToRespond) {
    }

    public record Metrics(int devices, FirmwareCurrency firmware, Compliance compliance,
            Map<String, Long> vulnerabilitiesBySeverity, Detection detection, String trends) {
    }

    private SecurityMetrics() {
    }

    public static Metrics compute(List<Device> devices, Map<String, List<Finding>> byDevice, FindingCatalog catalog) {
        // firmware currency: devices whose firmware version and the catalogue's latest are both known
        int known = 0;
        int latest = 0;
        for (Device d : devices) {
            List<Finding> fs = byDevice.getOrDefault(d.id(), List.of());
            boolean outdated = fs.stream().anyMatch(f -> catalog.signals(f, "firmware_outdated"));
            boolean catalogued = fs.stream().anyMatch(f -> catalog.signals(f, "firmware_checked")
                    || catalog.signals(f, "firmware_vulnerable"));
            if (d.firmware() != null && (outdated || catalogued)) {
                known++;
                if (!outdated) {
                    latest++;
                }
            }
        }
        FirmwareCurrency currency = new FirmwareCurrency(known, latest, known == 0 ? null
                : Math.round(1000.0 * latest / known) / 10.0);

        Set<String> checks = new TreeSet<>();
        for (FindingType t : catalog.all()) {
            t.etsi().forEach(x -> checks.add("ETSI " + x));
            t.owasp().forEach(x -> checks.add("OWASP " + x));
        }
        Map<String, Integer> passing = new TreeMap<>();
        checks.forEach(c -> passing.put(c, 0));
        double sum = 0;
        int full = 0;
        for (Device d : devices) {
            Set<String> failed = new HashSet<>();
            for (Finding f : byDevice.getOrDefault(d.id(), List.of())) {
                f.standards().etsi().forEach(x -> failed.add("ETSI " + x));
                f.standards().owasp().forEach(x -> failed.add("OWASP " + x));
            }
            for (String c : checks) {
                if (!failed.contains(c)) {
                    passing.merge(c, 1, Integer::sum);
                }
            }
            sum += (double) (checks.size() - failed.size()) / checks.size();
            if (failed.isEmpty()) {
                full++;
            }
        }
        Map<String, Double> byCheck = new LinkedHashMap<>();
        passing.forEach((c, n) -> byCheck.put(c, devices.isEmpty() ? 100.0 : Math.round(1000.0 * n / devices.size()) / 10.0));
        Compliance compliance = new Compliance(List.copyOf(checks), devices.isEmpty() ? 100
                : Math.round(1000 * sum / devices.size()) / 10.0, full, byCheck);

        Map<String, Long> vulns = new TreeMap<>();
        List<Double> delays = new ArrayList<>();
        int alerts = 0;
        for (List<Finding> fs : byDevice.values()) {
            for (Finding f : fs) {
                String category = catalog.get(f.type()).category();
                if (category.equals("vulnerability")) {
                    vulns.merge(f.severity().label(), 1L, Long::sum);
                }
                if (category.equals("detection")) {
                    alerts++;
                    Object at = f.evidence().get("detected_at");
                    long first = EventJson.nanos(f.firstSeen());
                    long detected = at instanceof String s ? EventJson.nanos(s) : first;
                    delays.add(Math.max(0, detected - first) / 1e9);
                }
            }
        }
        Detection detection = new Detection(alerts, delays.isEmpty() ? null
                : Math.round(10 * delays.stream().mapToDouble(Double::doubleValue).average().orElse(0)) / 10.0,
                "needs alert lifecycles (acknowledge, resolve): vigil serve");
        return new Metrics(devices.size(), currency, compliance, vulns, detection,
                "needs stored history: vigil serve keeps metrics snapshots");
    }
}
