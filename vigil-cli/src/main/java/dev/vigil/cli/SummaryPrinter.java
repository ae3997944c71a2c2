package dev.vigil.cli;

import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.analysis.Summary;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.inventory.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The readable summary {@code vigil analyze} prints: counts, the devices table, findings, input quality. */
final class SummaryPrinter {

    private final PrintWriter out;

    SummaryPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(AnalysisResult r, Path dir) {
        Summary s = r.summary();
        out.printf("Vigil %s analysed %d input%s in %.2f s: %,d packets, %s, %,d flows (%s packets/s)%n%n",
                s.vigilVersion(), s.inputs().size(), s.inputs().size() == 1 ? "" : "s", s.seconds(), s.packets(),
                ProgressBar.bytes(s.bytes()), s.flows(), ProgressBar.human(s.packetsPerSecond()));
        devices(r);
        findings(r.findings());
        plan(s);
        quality(s);
        out.printf("%nWrote %s, %s, %s, %s, %s and %s%n", dir.resolve("summary.json"), dir.resolve("inventory.json"),
                dir.resolve("findings.jsonl"), dir.resolve("plan.json"), dir.resolve("trust-events.jsonl"),
                dir.resolve("report.html"));
    }

    private void plan(Summary s) {
        if (s.posture() == null) {
            return;
        }
        out.printf("%nTRUST %s   RISK %s%n", s.posture().trustTiers(), s.posture().riskLevels());
        out.printf("WHAT TO FIX FIRST%n");
        if (s.posture().topActions().isEmpty()) {
            out.println("  nothing");
        }
        int i = 0;
        for (var a : s.posture().topActions()) {
            if (++i > 5) {
                break;
            }
            out.printf("  %d. %-30s %s (risk %s -> %s)%n", i, cut(a.name(), 30), a.action(), num(a.riskBefore()),
                    num(a.riskAfter()));
        }
    }

    private static String num(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }

    private void devices(AnalysisResult r) {
        List<Device> devices = r.devices();
        List<Finding> findings = r.findings();
        out.printf("DEVICES (%d)%n", devices.size());
        if (devices.isEmpty()) {
            out.println("  none");
            return;
        }
        Map<String, Long> perDevice = findings.stream().collect(Collectors.groupingBy(f -> f.device().id(),
                Collectors.counting()));
        String fmt = "  %-16s %-17s %-14s %-14s %-18s %-5s %4s %-13s %-11s %s%n";
        out.printf(fmt, "ADDRESS", "MAC", "VENDOR", "TYPE", "MODEL", "CONF", "FIND", "TRUST", "RISK", "NAME");
        for (Device d : devices) {
            String ip = d.ips().isEmpty() ? "-" : d.ips().get(0).ip() + (d.ips().size() > 1 ? "+" : "");
            String type = d.type() + ("router".equals(d.role()) && !d.type().equals("router") ? "*" : "");
            var a = r.assessment() == null ? null : r.assessment().devices().get(d.id());
            out.printf(fmt, cut(ip, 16), d.mac() == null ? "-" : d.mac(), cut(d.vendor(), 14), cut(type, 14),
                    cut(d.model(), 18), String.format("%.2f", d.confidence()), perDevice.getOrDefault(d.id(), 0L),
                    a == null ? "-" : num(a.trust().score()) + " " + a.trust().tier(),
                    a == null ? "-" : num(a.risk().score()) + " " + a.risk().level(),
                    d.hostnames().isEmpty() ? "" : cut(d.hostnames().get(0), 30));
        }
    }

    private void findings(List<Finding> findings) {
        out.printf("%nFINDINGS (%d)%n", findings.size());
        if (findings.isEmpty()) {
            out.println("  none");
            return;
        }
        Map<String, List<Finding>> byType = findings.stream().collect(Collectors.groupingBy(Finding::type,
                java.util.TreeMap::new, Collectors.toList()));
        for (Map.Entry<String, List<Finding>> e : byType.entrySet()) {
            Finding f = e.getValue().get(0);
            out.printf("  %-8s %-44s %3d  %s%n", f.severity().label(), e.getKey(), e.getValue().size(), f.title());
        }
    }

    private void quality(Summary s) {
        out.printf("%nINPUT%n");
        line("malformed", s.malformed());
        line("cut by snap length", s.truncated());
        line("not decoded", s.unsupported());
        line("limits reached", s.limits());
        if (!s.faults().isEmpty()) {
            line("Vigil faults", s.faults());
        }
    }

    private void line(String label, Map<String, Long> m) {
        out.printf("  %-19s %s%n", label + ":", m.isEmpty() ? "none" : m.entrySet().stream()
                .map(e -> e.getKey() + " " + String.format("%,d", e.getValue())).collect(Collectors.joining(", ")));
    }

    private static String cut(String s, int n) {
        if (s == null) {
            return "-";
        }
        return s.length() > n ? s.substring(0, n - 1) + "…" : s;
    }
}
