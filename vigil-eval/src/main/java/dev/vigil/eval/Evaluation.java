package dev.vigil.eval;

import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.analysis.Analyzer;
import dev.vigil.detect.analysis.Progress;
import dev.vigil.detect.behavior.FlowMarks;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.flow.FlowRecord;
import dev.vigil.engine.flow.FlowSource;
import dev.vigil.inputs.InputException;
import dev.vigil.inputs.Inputs;
import dev.vigil.inputs.zeek.ZeekConnReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Runs the analyses of a manifest and scores their detection findings. */
public final class Evaluation {

    /** Per-flow targets and the benign budget the project set itself. */
    public static final double PRECISION_TARGET = 0.95;
    public static final double RECALL_TARGET = 0.9;
    public static final double BENIGN_ALERTS_PER_DEVICE_WEEK = 1.0;

    /** One line of the manifest. */
    public record Dataset(String name, String kind, String path, List<Expectation> expect) {
    }

    /** Hosts (any of them, or "*") that must carry a finding of one of the types. */
    public record Expectation(Set<String> hosts, List<String> types) {

        boolean matches(Finding f) {
            boolean host = hosts.contains("*") || hosts.contains(f.device().ip())
                    || (f.peer() != null && hosts.contains(f.peer().ip()) && hosts.contains(f.device().ip()));
            return host && types.stream().anyMatch(t -> t.endsWith("*") ? f.type().startsWith(t.substring(0, t.length() - 1))
                    : f.type().equals(t));
        }
    }

    /**
     * Per-flow scores. Flows labelled malicious are positives, benign negatives; background and
     * unlabelled flows are not counted.
     */
    public record FlowScore(long truePositives, long falsePositives, long falseNegatives, long trueNegatives,
            long unlabelled, double precision, double recall, Map<String, String> recallByDetailedLabel) {
    }

    public record HostResult(String expected, boolean detected, String found) {
    }

    /**
     * @param devices devices that sent traffic
     * @param weeks the capture's span in weeks, at least 1
     * @param alerts findings that raise an alert (the alert policy: every detection, and the weaknesses it names)
     * @param maxPerDeviceWeek the most alerts one device had, per week
     */
    public record BenignResult(int devices, double weeks, long alerts, double maxPerDeviceWeek, List<String> alertTypes) {
    }

    public record Result(String name, String kind, String path, String status, String message, FlowScore flows,
            List<HostResult> hosts, BenignResult benign, double seconds, long detections) {

        /** Whether this dataset meets its target. */
        public boolean met() {
            if (!status.equals("ok")) {
                return false;
            }
            return switch (kind) {
                case "flows" -> flows.precision() >= PRECISION_TARGET && flows.recall() >= RECALL_TARGET
                        && hosts.stream().allMatch(HostResult::detected);
                case "host" -> hosts.stream().allMatch(HostResult::detected);
                default -> benign.maxPerDeviceWeek() <= BENIGN_ALERTS_PER_DEVICE_WEEK;
            };
        }
    }

    private Evaluation() {
    }

    public static List<Dataset> bundled() throws IOException {
        try (InputStream in = Evaluation.class.getResourceAsStream("/eval/datasets.tsv")) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "eval/datasets.tsv");
        }
    }

    public static List<Dataset> load(Path manifest) throws IOException {
        return parse(Files.readString(manifest, StandardCharsets.UTF_8), manifest.toString());
    }

    static List<Dataset> parse(String text, String name) {
        List<Dataset> out = new ArrayList<>();
        int n = 0;
        for (String line : text.lines().toList()) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length < 3 || !Set.of("flows", "host", "benign").contains(f[1])) {
                throw new IllegalArgumentException(name + ":" + n + ": expected name, kind (flows|host|benign), path[, expect]");
            }
            List<Expectation> expect = new ArrayList<>();
            if (f.length > 3 && !f[3].isBlank()) {
                for (String e : f[3].split(";")) {
                    String[] hv = e.split("=", 2);
                    if (hv.length != 2) {
                        throw new IllegalArgumentException(name + ":" + n + ": expectation '" + e + "' is not HOSTS=TYPES");
                    }
                    expect.add(new Expectation(Set.of(hv[0].trim().split("\\|")), List.of(hv[1].trim().split("\\|"))));
                }
            }
            out.add(new Dataset(f[0], f[1], f[2], expect));
        }
        return out;
    }

    /** Analyses one dataset and scores it. */
    public static Result run(Dataset d, Path dataDir, AnalysisConfig base) {
        Path file = dataDir.resolve(d.path());
        if (!Files.isRegularFile(file)) {
            return new Result(d.name(), d.kind(), d.path(), "missing", "not in " + dataDir, null, List.of(), null, 0, 0);
        }
        long t0 = System.nanoTime();
        Analyzer a = new Analyzer(base.withMarkFlows(true));
        Labels labels = new Labels();
        AnalysisResult result;
        try {
            Inputs.read(file.toString(), base.captures(), a.anomalies(), (n, src) -> a.add(n, src, Progress.NONE),
                    (n, src) -> a.add(n, src instanceof ZeekConnReader z ? labels.reading(z) : src, Progress.NONE));
            result = a.finish();
        } catch (InputException e) {
            return new Result(d.name(), d.kind(), d.path(), "error", e.getMessage(), null, List.of(), null, 0, 0);
        }
        FindingCatalog catalog = FindingCatalog.bundled();
        List<Finding> detections = result.findings().stream()
                .filter(f -> "detection".equals(catalog.get(f.type()).category())).toList();
        List<HostResult> hosts = new ArrayList<>();
        for (Expectation e : d.expect()) {
            List<Finding> hits = detections.stream().filter(e::matches).toList();
            String found = hits.isEmpty()
                    ? detections.stream().map(f -> f.device().ip() + " " + f.type()).distinct().limit(5).toList().toString()
                    : hits.stream().map(f -> f.device().ip() + " " + f.type()).distinct().limit(3).toList().toString();
            hosts.add(new HostResult(String.join("|", new TreeSet<>(e.hosts())) + " = " + String.join("|", e.types()),
                    !hits.isEmpty(), found));
        }
        FlowScore flows = d.kind().equals("flows") ? score(labels.byFlow, a.flowMarks()) : null;
        BenignResult benign = null;
        if (d.kind().equals("benign")) {
            long from = labels.first != Long.MAX_VALUE ? labels.first : EventJson.nanos(result.summary().captureStart());
            long to = labels.last != Long.MIN_VALUE ? labels.last : EventJson.nanos(result.summary().captureEnd());
            double weeks = Math.max(1.0, (to - from) / (7 * 86_400e9));
            // what would raise an alert in the service: every detection, and the weaknesses the alert policy names
            List<Finding> alerts = result.findings().stream().filter(base.alerts()::alerts).toList();
            Map<String, Long> perDevice = new TreeMap<>();
            for (Finding f : alerts) {
                perDevice.merge(f.device().id(), 1L, Long::sum);
            }
            int devices = (int) result.devices().stream().filter(x -> x.traffic().packetsOut() > 0).count();
            long max = perDevice.values().stream().mapToLong(Long::longValue).max().orElse(0);
            benign = new BenignResult(devices, Math.round(weeks * 100) / 100.0, alerts.size(), max / weeks,
                    alerts.stream().map(f -> f.device().ip() + " " + f.type()).toList());
        }
        return new Result(d.name(), d.kind(), d.path(), "ok", null, flows, hosts, benign, (System.nanoTime() - t0) / 1e9,
                detections.size());
    }

    /** The labels of a conn.log's rows by flow id, and the span of its flows, kept as the analysis reads it. */
    static final class Labels {
        final Map<Long, String[]> byFlow = new HashMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;

        FlowSource reading(ZeekConnReader z) {
            return new FlowSource() {
                @Override
                public FlowRecord next() throws IOException {
                    ZeekConnReader.Row r = z.nextRow();
                    if (r == null) {
                        return null;
                    }
                    byFlow.put(r.flow().flow().id(), new String[] {r.label(), r.detailedLabel()});
                    first = Math.min(first, r.flow().firstSeen());
                    last = Math.max(last, r.flow().ts());
                    return r.record();
                }

                @Override
                public long bytesRead() {
                    return z.bytesRead();
                }

                @Override
                public long totalBytes() {
                    return z.totalBytes();
                }

                @Override
                public String format() {
                    return z.format();
                }

                @Override
                public void close() throws IOException {
                    z.close();
                }
            };
        }
    }

    static FlowScore score(Map<Long, String[]> labels, FlowMarks marks) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        long unlabelled = 0;
        Map<String, long[]> byDetailed = new TreeMap<>();
        for (Map.Entry<Long, String[]> e : labels.entrySet()) {
            String label = e.getValue()[0] == null ? "" : e.getValue()[0].toLowerCase(Locale.ROOT);
            boolean flagged = marks.type(e.getKey()) != null;
            if (label.startsWith("malicious")) {
                String detail = e.getValue()[1] == null ? "(none)" : e.getValue()[1];
                long[] c = byDetailed.computeIfAbsent(detail, k -> new long[2]);
                c[1]++;
                if (flagged) {
                    tp++;
                    c[0]++;
                } else {
                    fn++;
                }
            } else if (label.startsWith("benign")) {
                if (flagged) {
                    fp++;
                } else {
                    tn++;
                }
            } else {
                unlabelled++;
            }
        }
        Map<String, String> recall = new LinkedHashMap<>();
        byDetailed.forEach((k, v) -> recall.put(k, v[0] + "/" + v[1]));
        double precision = tp + fp == 0 ? (fn == 0 ? 1 : 0) : (double) tp / (tp + fp);
        double rec = tp + fn == 0 ? 1 : (double) tp / (tp + fn);
        return new FlowScore(tp, fp, fn, tn, unlabelled, Math.round(precision * 10000) / 10000.0,
                Math.round(rec * 10000) / 10000.0, recall);
    }

    /** The markdown table docs/detection.md carries. */
    public static String markdown(List<Result> results) {
        StringBuilder s = new StringBuilder();
        s.append("| dataset | kind | result | target met |\n|---|---|---|---|\n");
        for (Result r : results) {
            s.append("| ").append(r.name()).append(" | ").append(r.kind()).append(" | ")
                    .append(describe(r).replace("|", "\\|")).append(" | ")
                    .append(r.status().equals("ok") ? (r.met() ? "yes" : "**no**") : r.status()).append(" |\n");
        }
        return s.toString();
    }

    public static String describe(Result r) {
        if (!r.status().equals("ok")) {
            return r.status() + ": " + r.message();
        }
        List<String> parts = new ArrayList<>();
        if (r.flows() != null) {
            FlowScore f = r.flows();
            parts.add("precision " + f.precision() + ", recall " + f.recall() + " (TP " + f.truePositives() + ", FP "
                    + f.falsePositives() + ", FN " + f.falseNegatives() + ", TN " + f.trueNegatives() + ")");
        }
        for (HostResult h : r.hosts()) {
            parts.add((h.detected() ? "detected " : "MISSED ") + h.expected() + (h.detected() ? "" : "; found " + h.found()));
        }
        if (r.benign() != null) {
            BenignResult b = r.benign();
            parts.add(b.alerts() + " alerts, " + b.devices() + " devices, " + b.weeks() + " week(s), max "
                    + Math.round(b.maxPerDeviceWeek() * 100) / 100.0 + " per device-week"
                    + (b.alertTypes().isEmpty() ? "" : " " + b.alertTypes()));
        }
        return String.join("; ", parts);
    }


}
