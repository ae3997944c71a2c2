package dev.vigil.server.api;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.vigil.server.VigilServer;
import dev.vigil.server.audit.AuditLog;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * {@code POST /api/devices.csv}: annotations by device id, MAC or IP, streamed. The body is
 * copied to a private temporary file up to {@link #MAX_BYTES} (413 beyond), counted row by row up
 * to {@link #MAX_ROWS} (413 beyond, nothing applied), then read again and applied
 * {@link #BATCH} rows per transaction, so neither the upload's size nor a slow sender holds memory
 * or the store's write lock, and ingestion goes on between the batches.
 */
final class CsvImport {

    static final long MAX_BYTES = 32L << 20;
    static final int MAX_ROWS = 100_000;
    static final int BATCH = 500;
    /** Refused rows listed in the answer; the rest are counted. */
    static final int LISTED = 1000;

    private final VigilServer s;
    private final Routes routes;

    CsvImport(VigilServer s, Routes routes) {
        this.s = s;
        this.routes = routes;
    }

    void run(Context ctx) throws IOException {
        if (ctx.contentLength() > MAX_BYTES) {
            throw new ApiError(413, "an import is at most " + (MAX_BYTES >> 20) + " MiB");
        }
        Path spool = Files.createTempFile("vigil-import-", ".csv");
        try {
            copy(ctx.bodyInputStream(), spool);
            int rows = count(spool);
            if (rows > MAX_ROWS) {
                throw new ApiError(413, "at most " + MAX_ROWS + " rows per import");
            }
            ctx.json(apply(spool, Api.who(ctx).name()));
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private static void copy(InputStream in, Path to) throws IOException {
        byte[] buf = new byte[64 << 10];
        long total = 0;
        try (in; OutputStream out = Files.newOutputStream(to)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > MAX_BYTES) {
                    throw new ApiError(413, "an import is at most " + (MAX_BYTES >> 20) + " MiB");
                }
                out.write(buf, 0, n);
            }
        }
    }

    private static MappingIterator<Map<String, String>> rows(Reader r) throws IOException {
        CsvMapper m = new CsvMapper();
        m.enable(CsvParser.Feature.TRIM_SPACES);
        m.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        return m.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader()).readValues(r);
    }

    /** Rows, stopping one past the limit; a CSV that does not parse is a 400. */
    private static int count(Path file) throws IOException {
        int n = 0;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); var it = rows(r)) {
            while (n <= MAX_ROWS && it.hasNextValue()) {
                it.nextValue();
                n++;
            }
        } catch (IOException | RuntimeException e) {
            throw new ApiError(400, "the CSV does not parse: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        return n;
    }

    private Map<String, Object> apply(Path file, String who) throws IOException {
        List<String> problems = new ArrayList<>();
        // a new criticality or new tags change a device's risk: those devices are assessed again at the end
        java.util.Set<String> reassess = new java.util.LinkedHashSet<>();
        int[] counts = {0, 0}; // updated, refused
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8); var it = rows(r)) {
            int line = 1;
            List<Map<String, String>> batch = new ArrayList<>(BATCH);
            while (it.hasNextValue()) {
                batch.add(it.nextValue());
                if (batch.size() == BATCH || !it.hasNextValue()) {
                    int first = line + 1;
                    s.store().writeVoid(h -> {
                        int l = first;
                        for (Map<String, String> row : batch) {
                            String why = row(h, row, reassess);
                            if (why == null) {
                                counts[0]++;
                            } else if (++counts[1] <= LISTED) {
                                problems.add("line " + l + ": " + why);
                            }
                            l++;
                        }
                    });
                    line += batch.size();
                    batch.clear();
                }
            }
        }
        AuditLog.append(s.store(), who, "device.import", null, counts[0] + " devices from CSV, " + counts[1] + " rows refused");
        reassess.forEach(id -> s.ingest().context().persister().reassessDevice(id));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("updated", counts[0]);
        m.put("refused", problems);
        m.put("refused_total", counts[1]);
        return m;
    }

    /** Applies one row (noting the device in {@code reassess} when its risk may change); why it was refused, or null. */
    private String row(Handle h, Map<String, String> row, java.util.Set<String> reassess) {
        String key = Routes.first(row, "id", "mac", "ip");
        if (key == null) {
            return "needs an id, mac or ip column with a value";
        }
        String id = h.createQuery("SELECT id FROM devices WHERE id = :k OR lower(id) = lower(:k) OR ip = :k")
                .bind("k", key).mapTo(String.class).findFirst().orElse(null);
        if (id == null) {
            return "no device " + key;
        }
        String crit = Routes.blank(row.get("criticality"));
        if (crit != null && !Routes.CRITICALITY.contains(crit.toLowerCase(Locale.ROOT))) {
            return "criticality must be low, medium, high or critical";
        }
        Map<String, String> text = new LinkedHashMap<>();
        for (String f : List.of("owner", "contact", "location", "purpose")) {
            String v = row.get(f);
            if (Routes.blank(v) != null) {
                if (v.length() > 200) {
                    return f + " is longer than 200 characters";
                }
                text.put(f, v);
            }
        }
        String tags;
        try {
            if (Routes.blank(row.get("zone")) != null) {
                text.put("zone", Routes.zone(row.get("zone")));
            }
            tags = Routes.blank(row.get("tags")) != null ? Routes.tags(row.get("tags")) : null;
        } catch (ApiError e) {
            return e.getMessage();
        }
        routes.applyEdit(h, id, text, crit == null ? null : crit.toLowerCase(Locale.ROOT), tags);
        if (crit != null || tags != null) {
            reassess.add(id);
        }
        return null;
    }
}
