package dev.vigil.detect.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.anomaly.Faults;
import dev.vigil.engine.flow.EndReason;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a Zeek conn.log (TSV with its {@code #fields} header, JSON lines, or a CSV export with a
 * header row), plain or gzip-compressed, one row at a time. Labelled variants (Stratosphere's
 * {@code label}/{@code detailedlabel}, IoT-23's {@code label}/{@code detailed-label}) keep their
 * labels for {@code vigil eval}. A row that cannot be read is counted as
 * {@code zeek.malformed_row} and skipped.
 */
public final class ZeekConnReader implements Closeable {

    static final Anomaly MALFORMED = Anomaly.declare("zeek.malformed_row", Anomaly.Kind.MALFORMED,
            "a conn.log row that could not be read (missing or unparseable fields, or longer than 64 KiB)");

    static final Anomaly FAULT = Faults.component("reader.zeek",
            "the Zeek conn.log reader failed on a row; the row was skipped");

    /** Longest line read as a row (a Zeek conn.log row is a few hundred characters); longer ones are skipped. */
    static final int MAX_LINE_CHARS = 64 * 1024;
    /** Decimal exponents a time or a duration may carry (JSON writers print 1.5E9); beyond, the row is malformed. */
    static final int MAX_SCALE = 30;

    /** What the file is. */
    public enum Format {
        TSV, JSON, CSV
    }

    /**
     * One conn.log row.
     *
     * @param flow the row as the engine's flow record
     * @param uid Zeek's connection uid, or null
     * @param localOrig Zeek's local_orig, or null when absent
     * @param localResp Zeek's local_resp, or null when absent
     * @param label the label column (Malicious, Benign, Background; IoT-23 lower case), or null
     * @param detailedLabel the detailed label (C&C, PartOfAHorizontalPortScan, …), or null
     */
    public record Row(FlowEnded flow, String uid, Boolean localOrig, Boolean localResp, String label,
            String detailedLabel) {
    }

    /** Names CSV exports use for Zeek's fields. */
    private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("timestamp", "ts"),
            Map.entry("origin_address", "id.orig_h"), Map.entry("origin_port", "id.orig_p"),
            Map.entry("response_address", "id.resp_h"), Map.entry("response_port", "id.resp_p"),
            Map.entry("protocol", "proto"), Map.entry("id_orig_h", "id.orig_h"), Map.entry("id_orig_p", "id.orig_p"),
            Map.entry("id_resp_h", "id.resp_h"), Map.entry("id_resp_p", "id.resp_p"),
            Map.entry("detailed_label", "detailed-label"), Map.entry("detailedlabel", "detailed-label"));

    private final BufferedReader reader;
    private final BoundedLines lines;
    private final Format format;
    private final String name;
    private final AnomalyCounters anomalies;
    private final ObjectMapper json = new ObjectMapper();
    private Iterator csv;
    private String[] fields;
    private String unset = "-";
    private String empty = "(empty)";
    private long nextId = 1;
    private long rows;

    private interface Iterator {
        Map<String, String> next() throws IOException;
    }

    private ZeekConnReader(BufferedReader reader, Format format, String name, AnomalyCounters anomalies) {
        this.reader = reader;
        this.lines = new BoundedLines(reader, MAX_LINE_CHARS);
        this.format = format;
        this.name = name;
        this.anomalies = anomalies;
    }

    /** The file's format if it is a conn.log, else null. */
    public static Format detect(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return detect(new String(in.readNBytes(16384), StandardCharsets.UTF_8));
        }
    }

    static Format detect(String head) {
        String h = head.startsWith("\uFEFF") ? head.substring(1) : head;
        if (h.startsWith("#separator") && (h.contains("#path\tconn") || h.contains("\tid.orig_h\t"))) {
            return Format.TSV;
        }
        if (h.startsWith("{") && h.contains("\"id.orig_h\"") && h.contains("\"id.resp_p\"")) {
            return Format.JSON;
        }
        String first = h.lines().findFirst().orElse("").toLowerCase(Locale.ROOT);
        if (first.contains(",") && first.contains("uid")
                && (first.contains("id.orig_h") || first.contains("origin_address") || first.contains("id_orig_h"))) {
            return Format.CSV;
        }
        return null;
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int a = in.read();
        int b = in.read();
        in.reset();
        return a == 0x1f && b == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    /** Opens a conn.log; null when the file is not one. */
    public static ZeekConnReader open(Path file, AnomalyCounters anomalies) throws IOException {
        Format f = detect(file);
        if (f == null) {
            return null;
        }
        BufferedReader r = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8), 1 << 16);
        ZeekConnReader z = new ZeekConnReader(r, f, file.toString(), anomalies);
        if (f == Format.CSV) {
            z.startCsv();
        }
        return z;
    }

    /** A reader over text already opened (a followed log); CSV is not followed. */
    public static ZeekConnReader of(BufferedReader reader, Format format, String name, AnomalyCounters anomalies) {
        if (format == Format.CSV) {
            throw new IllegalArgumentException("CSV conn logs cannot be followed");
        }
        return new ZeekConnReader(reader, format, name, anomalies);
    }

    public Format format() {
        return format;
    }

    /** Rows read so far. */
    public long rows() {
        return rows;
    }

    private void startCsv() throws IOException {
        CsvMapper m = new CsvMapper();
        m.enable(CsvParser.Feature.TRIM_SPACES);
        m.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        var it = m.readerForMapOf(String.class)
                .with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader()).<Map<String, String>>readValues(reader);
        csv = () -> {
            while (true) {
                try {
                    if (!it.hasNextValue()) {
                        return null;
                    }
                    return it.nextValue();
                } catch (RuntimeException | IOException e) {
                    anomalies.count(MALFORMED);
                }
            }
        };
    }

    /** The next row, or null at the end. */
    public Row next() throws IOException {
        while (true) {
            Map<String, String> v;
            if (format == Format.CSV) {
                v = csv.next();
                if (v == null) {
                    return null;
                }
            } else {
                String line = lines.next();
                if (line == null) {
                    return null;
                }
                if (line == BoundedLines.TOO_LONG) {
                    anomalies.count(MALFORMED);
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                v = format == Format.JSON ? jsonRow(line) : tsvRow(line);
                if (v == null) {
                    continue;
                }
            }
            Row r;
            try {
                r = row(normalise(v));
            } catch (RuntimeException | StackOverflowError e) {
                // a bug of this reader on one row costs that row, as a packet's costs that packet
                anomalies.faults().record(FAULT, e);
                continue;
            }
            if (r == null) {
                anomalies.count(MALFORMED);
                continue;
            }
            rows++;
            return r;
        }
    }

    private Map<String, String> tsvRow(String line) {
        if (line.startsWith("#")) {
            header(line);
            return null;
        }
        if (fields == null) {
            anomalies.count(MALFORMED);
            return null;
        }
        String[] f = line.split("\t", -1);
        if (f.length < fields.length) {
            // IoT-23: "tunnel_parents   label   detailed-label" share one tab-separated column, split by three spaces
            List<String> parts = new ArrayList<>();
            for (String x : f) {
                if (x.contains("   ")) {
                    for (String y : x.split(" {3,}", -1)) {
                        parts.add(y.trim());
                    }
                } else {
                    parts.add(x);
                }
            }
            f = parts.toArray(String[]::new);
        }
        if (f.length < fields.length - 2) {
            anomalies.count(MALFORMED);
            return null;
        }
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < fields.length && i < f.length; i++) {
            String x = f[i];
            m.put(fields[i], x.equals(unset) || x.equals(empty) ? null : x);
        }
        return m;
    }

    private void header(String line) {
        if (line.startsWith("#fields")) {
            String[] f = line.split("\t");
            fields = new String[f.length - 1];
            for (int i = 1; i < f.length; i++) {
                fields[i - 1] = f[i].trim();
            }
            if (fields.length > 0 && fields[fields.length - 1].contains("   ")) {
                // IoT-23 headers share the same three-space habit
                List<String> parts = new ArrayList<>(List.of(fields).subList(0, fields.length - 1));
                for (String y : fields[fields.length - 1].split(" {3,}")) {
                    parts.add(y.trim());
                }
                fields = parts.toArray(String[]::new);
            }
        } else if (line.startsWith("#unset_field")) {
            unset = value(line);
        } else if (line.startsWith("#empty_field")) {
            empty = value(line);
        }
    }

    private static String value(String headerLine) {
        int t = headerLine.indexOf('\t');
        return t < 0 ? headerLine.substring(headerLine.indexOf(' ') + 1).trim() : headerLine.substring(t + 1).trim();
    }

    private Map<String, String> jsonRow(String line) {
        JsonNode n;
        try {
            n = json.readTree(line);
        } catch (IOException e) {
            anomalies.count(MALFORMED);
            return null;
        }
        if (!n.isObject()) {
            anomalies.count(MALFORMED);
            return null;
        }
        Map<String, String> m = new HashMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isNull() ? null
                : e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        return m;
    }

    private static Map<String, String> normalise(Map<String, String> v) {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, String> e : v.entrySet()) {
            String k = e.getKey() == null ? "" : e.getKey().trim().toLowerCase(Locale.ROOT);
            String val = e.getValue();
            if (val != null && (val.equals("-") || val.equals("(empty)") || val.isEmpty())) {
                val = null;
            }
            out.put(ALIASES.getOrDefault(k, k), val);
        }
        return out;
    }

    private Row row(Map<String, String> v) {
        try {
            String ts = v.get("ts");
            String orig = v.get("id.orig_h");
            String resp = v.get("id.resp_h");
            if (ts == null || orig == null || resp == null) {
                return null;
            }
            long start = seconds(ts);
            long duration = v.get("duration") == null ? 0 : seconds(v.get("duration"));
            Ip o = Ip.parse(orig);
            Ip r = Ip.parse(resp);
            String proto = java.util.Objects.requireNonNullElse(v.get("proto"), "tcp");
            Transport t = switch (proto == null ? "" : proto.toLowerCase(Locale.ROOT)) {
                case "tcp" -> Transport.TCP;
                case "udp" -> Transport.UDP;
                case "icmp" -> o.isV4() ? Transport.ICMP : Transport.ICMP6;
                default -> Transport.OTHER;
            };
            int ipProto = switch (t) {
                case TCP -> 6;
                case UDP -> 17;
                case ICMP -> 1;
                case ICMP6 -> 58;
                default -> 0;
            };
            Mac om = mac(v.get("orig_l2_addr"));
            Mac rm = mac(v.get("resp_l2_addr"));
            FlowMeta meta = new FlowMeta(nextId++, t, ipProto, o, port(v.get("id.orig_p")), r, port(v.get("id.resp_p")), om,
                    rm, null);
            // Zeek lists every analyzer that matched ("ssl,http"); the first is the service. A field of
            // only commas is no service (split(",") of "," is empty: reading [0] stopped the reader)
            String service = v.get("service");
            if (service != null) {
                int comma = service.indexOf(',');
                service = (comma < 0 ? service : service.substring(0, comma)).trim().toLowerCase(Locale.ROOT);
                service = service.isEmpty() ? null : service.equals("ssl") ? "tls" : service;
            }
            FlowEnded f = new FlowEnded(start + duration, meta, EndReason.RECORD, start, count(v.get("orig_pkts")),
                    count(v.get("resp_pkts")), count(v.get("orig_ip_bytes")), count(v.get("resp_ip_bytes")),
                    count(v.get("orig_bytes")), count(v.get("resp_bytes")),
                    java.util.Objects.requireNonNullElse(v.get("history"), ""),
                    java.util.Objects.requireNonNullElse(v.get("conn_state"), "OTH"), service, 0);
            String label = v.get("label");
            String detailed = v.get("detailed-label");
            return new Row(f, v.get("uid"), bool(v.get("local_orig")), bool(v.get("local_resp")), label, detailed);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    /**
     * Seconds as nanoseconds. The exponent is bounded first: rescaling {@code 1e100000000} computes a
     * number of a hundred million digits (minutes of CPU for one row).
     */
    private static long seconds(String s) {
        java.math.BigDecimal d = new java.math.BigDecimal(s.trim());
        if (d.scale() > MAX_SCALE || d.scale() < -MAX_SCALE) {
            throw new ArithmeticException("exponent out of range: " + s);
        }
        return d.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    private static int port(String s) {
        if (s == null) {
            return 0;
        }
        int p = Integer.parseInt(s.trim());
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("port " + p);
        }
        return p;
    }

    private static long count(String s) {
        return s == null ? 0 : Long.parseLong(s.trim());
    }

    private static Boolean bool(String s) {
        return s == null ? null : s.equalsIgnoreCase("T") || s.equalsIgnoreCase("true");
    }

    private static Mac mac(String s) {
        return s == null ? null : Mac.parse(s);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
