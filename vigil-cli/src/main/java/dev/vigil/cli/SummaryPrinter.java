package dev.vigil.cli;

import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.analysis.Summary;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.Severity;
import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.trust.Assessor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The readable summary {@code vigil analyze} prints: counts, the riskiest devices, findings by
 * severity, what to fix first, input quality. Every line fits {@link #WIDTH} columns.
 */
final class SummaryPrinter {

    /** The widest line the summary prints (a terminal of 100 columns shows it unwrapped). */
    static final int WIDTH = 100;

    /** Devices listed unless {@code --all}. */
    static final int DEFAULT_TOP = 10;

    private static final String DEVICE_ROW = "  %-11s %-15s %-16s %-11s %4s  %s";
    private static final String FINDING_ROW = "  %-8s %-36s %5s %7s  %s";
    private static final String MORE_ADDRESSES = "+";
    private static final String ROUTES = "*";

    private final PrintWriter out;
    private final int top;

    /** @param top how many devices to list, riskiest first ({@code Integer.MAX_VALUE}: all) */
    SummaryPrinter(PrintWriter out, int top) {
        this.out = out;
        this.top = top;
    }

    void print(AnalysisResult r, Path dir) {
        Summary s = r.summary();
        line(String.format("Vigil %s analysed %d input%s in %.2f s: %,d packets, %s, %,d flows (%s packets/s)",
                s.vigilVersion(), s.inputs().size(), s.inputs().size() == 1 ? "" : "s", s.seconds(), s.packets(),
                ProgressBar.bytes(s.bytes()), s.flows(), ProgressBar.human(s.packetsPerSecond())));
        out.println();
        devices(r);
        findings(r.findings(), s.findingGroups());
        plan(s);
        quality(s);
        out.println();
        out.println("Wrote to " + dir + ":");
        line("  summary.json, inventory.json, findings.jsonl, finding-groups.json, plan.json, trust-events.jsonl,");
        line("  report.html");
    }

    private void devices(AnalysisResult r) {
        List<Device> devices = new ArrayList<>(r.devices());
        if (devices.isEmpty()) {
            line("DEVICES: none");
            return;
        }
        Map<String, Long> perDevice = r.findings().stream().collect(Collectors.groupingBy(f -> f.device().id(),
                Collectors.counting()));
        devices.sort(riskiestFirst(r, perDevice));
        int shown = Math.min(top, devices.size());
        line(shown == devices.size() ? "DEVICES: " + devices.size() + ", riskiest first"
                : "DEVICES: the " + shown + " riskiest of " + devices.size() + " (--all lists every one)");
        line(String.format(DEVICE_ROW, "RISK", "TRUST", "ADDRESS", "TYPE", "FIND", "DEVICE"));
        Set<String> markers = new LinkedHashSet<>();
        for (Device d : devices.subList(0, shown)) {
            Assessor.DeviceAssessment a = assessment(r, d);
            String ip = d.mainAddress() == null ? "-" : d.mainAddress();
            if (d.ips().size() > 1) {
                ip = cut(ip, 15) + MORE_ADDRESSES;
                markers.add(MORE_ADDRESSES);
            }
            String type = d.type();
            if ("router".equals(d.role()) && !"router".equals(d.type())) {
                type = cut(type, 10) + ROUTES;
                markers.add(ROUTES);
            }
            String row = String.format(DEVICE_ROW, a == null ? "-" : num(a.risk().score()) + " " + a.risk().level(),
                    a == null ? "-" : num(a.trust().score()) + " " + a.trust().tier(), cut(ip, 16), cut(type, 11),
                    perDevice.getOrDefault(d.id(), 0L), "");
            line(row + cut(label(d), WIDTH - row.length()));
        }
        if (markers.contains(MORE_ADDRESSES)) {
            line("  " + MORE_ADDRESSES + " the device used more addresses than the one shown (all in inventory.json)");
        }
        if (markers.contains(ROUTES)) {
            line("  " + ROUTES + " the device also routes traffic for other networks");
        }
    }

    /** Highest risk first, then lowest trust, then most findings, then id: the same order every time. */
    private static Comparator<Device> riskiestFirst(AnalysisResult r, Map<String, Long> perDevice) {
        Comparator<Device> risk = Comparator.comparingDouble(d -> {
            Assessor.DeviceAssessment a = assessment(r, d);
            return a == null ? 0 : -a.risk().score();
        });
        return risk.thenComparingDouble(d -> {
            Assessor.DeviceAssessment a = assessment(r, d);
            return a == null ? 100 : a.trust().score();
        }).thenComparingLong(d -> -perDevice.getOrDefault(d.id(), 0L)).thenComparing(Device::id);
    }

    private static Assessor.DeviceAssessment assessment(AnalysisResult r, Device d) {
        return r.assessment() == null ? null : r.assessment().devices().get(d.id());
    }

    /** Vendor, model or type, and the name the device goes by. */
    private static String label(Device d) {
        String what = java.util.stream.Stream.of(d.vendor(), d.model() != null ? d.model() : null)
                .filter(x -> x != null && !x.isBlank()).collect(Collectors.joining(" "));
        String name = d.hostnames().isEmpty() ? null : d.hostnames().get(0);
        if (name == null || name.equalsIgnoreCase(d.model())) {
            return what.isEmpty() ? (d.mac() == null ? d.id() : d.mac()) : what;
        }
        return what.isEmpty() ? name : what + " \"" + name + "\"";
    }

    /** @param groups how many groups by device and weakness the findings make (finding-groups.json) */
    private void findings(List<Finding> findings, long groups) {
        out.println();
        if (findings.isEmpty()) {
            line("FINDINGS: none");
            return;
        }
        Map<Severity, Long> bySeverity = new TreeMap<>(Comparator.reverseOrder());
        findings.forEach(f -> bySeverity.merge(f.severity(), 1L, Long::sum));
        line("FINDINGS: " + findings.size() + " (" + bySeverity.entrySet().stream()
                .map(e -> e.getKey().label() + " " + e.getValue()).collect(Collectors.joining(", ")) + "), " + groups
                + " by device and weakness");
        line(String.format(FINDING_ROW, "SEVERITY", "TYPE", "COUNT", "DEVICES", "WHAT"));
        Map<Severity, Map<String, List<Finding>>> grouped = findings.stream().collect(Collectors.groupingBy(Finding::severity,
                () -> new TreeMap<>(Comparator.reverseOrder()), Collectors.groupingBy(Finding::type, TreeMap::new,
                        Collectors.toList())));
        grouped.forEach((severity, types) -> types.forEach((type, list) -> {
            long devices = list.stream().map(f -> f.device().id()).distinct().count();
            String row = String.format(FINDING_ROW, severity.label(), cut(type, 36), list.size(), devices, "");
            line(row + cut(list.get(0).title(), WIDTH - row.length()));
        }));
    }

    private void plan(Summary s) {
        if (s.posture() == null) {
            return;
        }
        out.println();
        line("TRUST " + counts(s.posture().trustTiers(), List.of("trusted", "restricted", "quarantined")) + "   RISK "
                + counts(s.posture().riskLevels(), List.of("critical", "high", "medium", "low")));
        line("WHAT TO FIX FIRST");
        if (s.posture().topActions().isEmpty()) {
            line("  nothing");
        }
        int i = 0;
        for (var a : s.posture().topActions()) {
            if (++i > 5) {
                break;
            }
            String who = a.name() + (a.address() == null || a.name().equals(a.address()) ? "" : " " + a.address());
            String head = String.format("  %d. %-28s ", i, cut(who, 28));
            String tail = " (risk " + num(a.riskBefore()) + " -> " + num(a.riskAfter()) + ")";
            line(head + cut(a.action(), WIDTH - head.length() - tail.length()) + tail);
        }
    }

    /** "trusted 13, restricted 5, quarantined 0" in the order given, then any other key. */
    private static String counts(Map<String, ? extends Number> m, List<String> order) {
        List<String> keys = new ArrayList<>(order);
        m.keySet().stream().filter(k -> !keys.contains(k)).sorted().forEach(keys::add);
        return keys.stream().map(k -> k + " " + (m.get(k) == null ? 0 : m.get(k))).collect(Collectors.joining(", "));
    }

    private void quality(Summary s) {
        out.println();
        line("INPUT");
        quality("malformed", s.malformed());
        quality("cut by snap length", s.truncated());
        quality("not decoded", s.unsupported());
        quality("limits reached", s.limits());
        if (!s.faults().isEmpty()) {
            quality("Vigil faults", s.faults());
        }
    }

    private void quality(String label, Map<String, Long> m) {
        String head = String.format("  %-19s ", label + ":");
        if (m.isEmpty()) {
            line(head + "none");
            return;
        }
        // one line per reason when they do not fit on one
        List<String> parts = m.entrySet().stream().map(e -> e.getKey() + " " + String.format("%,d", e.getValue())).toList();
        String joined = String.join(", ", parts);
        if (head.length() + joined.length() <= WIDTH) {
            line(head + joined);
            return;
        }
        String pad = " ".repeat(head.length());
        for (int i = 0; i < parts.size(); i++) {
            line((i == 0 ? head : pad) + cut(parts.get(i), WIDTH - head.length()));
        }
    }

    /** Prints a line cut to {@link #WIDTH}. */
    private void line(String s) {
        out.println(cut(s, WIDTH));
    }

    private static String num(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }

    private static String cut(String s, int n) {
        if (s == null) {
            return "-";
        }
        return s.length() > n ? s.substring(0, Math.max(0, n - 1)) + "…" : s;
    }
}
