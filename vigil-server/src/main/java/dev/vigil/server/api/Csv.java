package dev.vigil.server.api;

import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * CSV downloads (RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted),
 * written to the response as the rows come, so an export of the whole store holds no more than a
 * batch of rows in memory. A cell a spreadsheet would run as a formula is prefixed with an
 * apostrophe (OWASP: CSV injection).
 */
public final class Csv {

    /** Writes the rows of one download. */
    public interface Rows {

        void row(List<?> cells);
    }

    private Csv() {
    }

    /** Sends a CSV download: the header, then every row {@code body} writes. */
    public static void stream(Context ctx, String filename, List<String> header, Consumer<Rows> body) throws IOException {
        ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        try (Writer w = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8), 64 << 10)) {
            Rows rows = cells -> {
                try {
                    for (int i = 0; i < cells.size(); i++) {
                        Object v = cells.get(i);
                        w.write((i == 0 ? "" : ",") + cell(v instanceof List<?> l ? String.join(";", l.stream().map(String::valueOf)
                                .toList()) : v == null ? "" : String.valueOf(v)));
                    }
                    w.write("\r\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            rows.row(header);
            body.accept(rows);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** One cell as written. */
    public static String cell(String v) {
        String x = !v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+") ? "'" + v : v;
        return x.contains(",") || x.contains("\"") || x.contains("\n") || x.contains("\r") ? "\"" + x.replace("\"", "\"\"") + "\""
                : x;
    }
}
