package dev.vigil.inputs.zeek;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.anomaly.Faults;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowRecord;
import dev.vigil.engine.flow.FlowSource;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
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
public final class ZeekConnReader implements FlowSource {

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

        /** The row as a flow record: the flow and what Zeek said of its ends. */
        public FlowRecord record() {
            return new FlowRecord(flow, localOrig, localResp);
        }
    }

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
    /** Flow ids in row order; a row that fails after its flow was numbered keeps its number used. */
    private final java.util.function.LongSupplier ids = () -> nextId++;
    private long rows;
    private Counted counted;
    private long totalBytes = -1;

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

    /** Bytes read from the file, compressed or not. */
    private static final class Counted extends java.io.FilterInputStream {
        long n;

        Counted(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            n += c < 0 ? 0 : 1;
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            n += Math.max(0, r);
            return r;
        }
    }

    private static InputStream open(Path file) throws IOException {
        return open(Files.newInputStream(file));
    }

    private static InputStream open(InputStream raw) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
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
        Counted counted = new Counted(Files.newInputStream(file));
        BufferedReader r = new BufferedReader(new InputStreamReader(open(counted), StandardCharsets.UTF_8), 1 << 16);
        ZeekConnReader z = new ZeekConnReader(r, f, file.toString(), anomalies);
        z.counted = counted;
        z.totalBytes = Files.size(file);
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

    /** Which of the layouts the file has. */
    public Format layout() {
        return format;
    }

    @Override
    public String format() {
        return "zeek-conn-" + format.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public long bytesRead() {
        return counted == null ? -1 : counted.n;
    }

    @Override
    public long totalBytes() {
        return totalBytes;
    }

    @Override
    public FlowRecord next() throws IOException {
        Row r = nextRow();
        return r == null ? null : r.record();
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

    /** The next row with its labels, or null at the end. */
    public Row nextRow() throws IOException {
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
                r = ZeekRows.row(ZeekRows.normalise(v), ids);
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

    @Override
    public void close() throws IOException {
        reader.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
