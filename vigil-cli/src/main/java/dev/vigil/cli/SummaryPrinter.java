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
        devices(r.devices(), r.findings());
        findings(r.findings());
        quality(s);
        out.printf("%nWrote %s, %s, %s and %s%n", dir.resolve("summary.json"), dir.resolve("inventory.json"),
                dir.resolve("findings.jsonl"), dir.resolve("report.html"));
    }

    private void devices(List<Device> devices, List<Finding> findings) {
        out.printf("DEVICES (%d)%n", devices.size());
        if (devices.isEmpty()) {
            out.println("  none");
            return;
        }
        Map<String, Long> perDevice = findings.stream().collect(Collectors.groupingBy(f -> f.device().id(),
                Collectors.counting()));
        String fmt = "  %-16s %-17s %-14s %-14s %-18s %-5s %4s  %s%n";
        out.printf(fmt, "ADDRESS", "MAC", "VENDOR", "TYPE", "MODEL", "CONF", "FIND", "NAME");
        for (Device d : devices) {
            String ip = d.ips().isEmpty() ? "-" : d.ips().get(0).ip() + (d.ips().size() > 1 ? "+" : "");
            String type = d.type() + ("router".equals(d.role()) && !d.type().equals("router") ? "*" : "");
            out.printf(fmt, cut(ip, 16), d.mac() == null ? "-" : d.mac(), cut(d.vendor(), 14), cut(type, 14),
                    cut(d.model(), 18), String.format("%.2f", d.confidence()), perDevice.getOrDefault(d.id(), 0L),
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
