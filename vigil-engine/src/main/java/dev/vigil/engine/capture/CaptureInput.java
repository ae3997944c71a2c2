package dev.vigil.engine.capture;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.anomaly.AnomalyCounters;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;

/**
 * A refillable window over an input stream. Readers ask for {@code n} contiguous bytes with
 * {@link #ensure}, parse them in place from {@link #buffer()} at {@link #position()}, then
 * {@link #advance}. The buffer grows only for records larger than it, up to the record limit. A
 * compressed input that ends early or is damaged ends there, counted: the packets before it count.
 */
final class CaptureInput {

    static final Anomaly COMPRESSED_CORRUPT = Anomaly.declare("gzip.corrupt",
            "a gzip-compressed capture that ends early or is damaged; it was read up to there");

    private final InputStream in;
    private final AnomalyCounters anomalies;
    private final boolean compressed;
    private final int maxRecord;
    private byte[] buf;
    private int pos;
    private int end;
    private boolean eof;

    CaptureInput(InputStream in, CaptureLimits limits, AnomalyCounters anomalies, boolean compressed) {
        this.in = in;
        this.anomalies = anomalies;
        this.compressed = compressed;
        this.maxRecord = limits.maxRecordBytes();
        this.buf = new byte[limits.bufferBytes()];
    }

    byte[] buffer() {
        return buf;
    }

    int position() {
        return pos;
    }

    int available() {
        return end - pos;
    }

    void advance(int n) {
        pos += n;
    }

    /** True when {@code n} bytes are available at {@link #position()}; false at end of input. */
    boolean ensure(int n) throws IOException {
        if (end - pos >= n) {
            return true;
        }
        if (n > maxRecord + 64) {
            return false;
        }
        if (eof) {
            return false;
        }
        if (n > buf.length) {
            byte[] bigger = new byte[Math.min(Math.max(n, buf.length * 2), maxRecord + 64)];
            System.arraycopy(buf, pos, bigger, 0, end - pos);
            end -= pos;
            pos = 0;
            buf = bigger;
        } else if (buf.length - pos < n) {
            System.arraycopy(buf, pos, buf, 0, end - pos);
            end -= pos;
            pos = 0;
        }
        while (end - pos < n) {
            int r = read();
            if (r < 0) {
                eof = true;
                return false;
            }
            end += r;
        }
        return true;
    }

    private int read() throws IOException {
        try {
            return in.read(buf, end, buf.length - end);
        } catch (EOFException | ZipException e) {
            if (!compressed) {
                throw e;
            }
            anomalies.count(COMPRESSED_CORRUPT);
            return -1;
        }
    }

    /** True when no byte is left. */
    boolean atEnd() throws IOException {
        return !ensure(1);
    }

    void close() throws IOException {
        in.close();
    }
}
