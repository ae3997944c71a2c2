package dev.vigil.server.api.devices;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.vigil.server.api.ApiError;
import dev.vigil.server.api.Caller;
import dev.vigil.server.ingest.Reassessment;
import dev.vigil.store.audit.AuditStore;
import dev.vigil.store.db.Transactions;
import dev.vigil.store.devices.DeviceEdit;
import dev.vigil.store.devices.DeviceStore;
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

/**
 * {@code POST /api/devices.csv}: annotations by device id, MAC or IP, streamed. The body is
 * copied to a private temporary file up to {@link #MAX_BYTES} (413 beyond), counted row by row up
 * to {@link #MAX_ROWS} (413 beyond, nothing applied), then read again and applied
 * {@link #BATCH} rows per transaction, so neither the upload's size nor a slow sender holds memory
 * or the store's write lock, and ingestion goes on between the batches.
 */
public final class CsvImport {

    /** The largest import body. */
    public static final long MAX_BYTES = 32L << 20;
    static final int MAX_ROWS = 100_000;
    static final int BATCH = 500;
    /** Refused rows listed in the answer; the rest are counted. */
    static final int LISTED = 1000;

    private final DeviceStore devices;
    private final AuditStore audit;
    private final Transactions tx;
    private final Reassessment reassessment;

    CsvImport(DeviceStore devices, AuditStore audit, Transactions tx, Reassessment reassessment) {
        this.devices = devices;
        this.audit = audit;
        this.tx = tx;
        this.reassessment = reassessment;
    }

    /** What an import did. */
    record Result(int updated, List<String> refused, int refusedTotal) {
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
            ctx.json(apply(spool, Caller.name(ctx)));
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

    private Result apply(Path file, String who) throws IOException {
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
                    tx.inTransaction(() -> {
                        int l = first;
                        for (Map<String, String> row : batch) {
                            String why = row(row, reassess);
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
        audit.append(who, "device.import", null, counts[0] + " devices from CSV, " + counts[1] + " rows refused");
        reassess.forEach(reassessment::device);
        return new Result(counts[0], problems, counts[1]);
    }

    /** Applies one row (noting the device in {@code reassess} when its risk may change); why it was refused, or null. */
    private String row(Map<String, String> row, java.util.Set<String> reassess) {
        String key = first(row, "id", "mac", "ip");
        if (key == null) {
            return "needs an id, mac or ip column with a value";
        }
        String id = devices.resolve(key).orElse(null);
        if (id == null) {
            return "no device " + key;
        }
        String crit = blank(row.get("criticality"));
        if (crit != null && !DeviceParams.CRITICALITY.contains(crit.toLowerCase(Locale.ROOT))) {
            return "criticality must be low, medium, high or critical";
        }
        Map<String, String> text = new LinkedHashMap<>();
        for (String f : List.of("owner", "contact", "location", "purpose")) {
            String v = row.get(f);
            if (blank(v) != null) {
                if (v.length() > 200) {
                    return f + " is longer than 200 characters";
                }
                text.put(f, v);
            }
        }
        String tags;
        try {
            if (blank(row.get("zone")) != null) {
                text.put("zone", DeviceParams.zone(row.get("zone")));
            }
            tags = blank(row.get("tags")) != null ? DeviceParams.tags(row.get("tags")) : null;
        } catch (ApiError e) {
            return e.getMessage();
        }
        devices.edit(id, new DeviceEdit(text, crit == null ? null : crit.toLowerCase(Locale.ROOT), tags), System.currentTimeMillis());
        if (crit != null || tags != null) {
            reassess.add(id);
        }
        return null;
    }

    private static String first(Map<String, String> row, String... keys) {
        for (String k : keys) {
            String v = blank(row.get(k));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
