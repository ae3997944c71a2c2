package dev.vigil.engine.capture;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.anomaly.Faults;
import java.io.IOException;

/**
 * Classic libpcap files: both byte orders, microsecond ({@code a1b2c3d4}) and nanosecond
 * ({@code a1b23c4d}) time stamps (draft-ietf-opsawg-pcap §4, §5).
 */
final class PcapReader implements PacketSource {

    static final int MAGIC_MICRO = 0xa1b2c3d4;
    static final int MAGIC_NANO = 0xa1b23c4d;

    static final Anomaly TRUNCATED_RECORD = Anomaly.declare("pcap.truncated_record",
            "the file ends inside a packet record");
    static final Anomaly RECORD_TOO_LARGE = Anomaly.declare("pcap.record_too_large",
            "a record length above the reader's limit: the rest of the file is unreadable");
    /** A bug of a reader on one record: the input ends there (the position after it is unknown). */
    static final Anomaly READER_FAULT = Faults.component("reader.capture",
            "the capture reader failed on a record; the input was read up to it");
    static final Anomaly ORIG_LT_CAPLEN = Anomaly.declare("pcap.orig_len_lt_caplen",
            "a record whose original length is below its captured length");

    private final CaptureInput in;
    private final AnomalyCounters anomalies;
    private final ByteCounter counter;
    private final long total;
    private final String format;
    private final boolean swapped;
    private final boolean nanos;
    private final int linkType;
    private final int maxRecord;
    private boolean done;

    PcapReader(CaptureInput in, AnomalyCounters anomalies, ByteCounter counter, long total, String format,
            CaptureLimits limits) throws IOException, CaptureFormatException {
        this.in = in;
        this.anomalies = anomalies;
        this.counter = counter;
        this.total = total;
        this.maxRecord = limits.maxRecordBytes();
        if (!in.ensure(24)) {
            throw new CaptureFormatException("truncated pcap file header (less than 24 bytes)");
        }
        byte[] b = in.buffer();
        int p = in.position();
        int magic = be32(b, p);
        if (magic == MAGIC_MICRO || magic == MAGIC_NANO) {
            swapped = false;
        } else if (Integer.reverseBytes(magic) == MAGIC_MICRO || Integer.reverseBytes(magic) == MAGIC_NANO) {
            swapped = true;
            magic = Integer.reverseBytes(magic);
        } else {
            throw new CaptureFormatException("not a pcap file");
        }
        nanos = magic == MAGIC_NANO;
        // the upper 16 bits of the link-type field carry FCS information, not the type
        linkType = read32(b, p + 20) & 0xffff;
        this.format = format + (nanos ? " (ns)" : "");
        in.advance(24);
    }

    private static int be32(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    private int read32(byte[] b, int p) {
        int v = be32(b, p);
        return swapped ? Integer.reverseBytes(v) : v;
    }

    @Override
    public boolean next(RawPacket packet) throws IOException {
        try {
            return record(packet);
        } catch (RuntimeException | StackOverflowError e) {
            anomalies.faults().record(READER_FAULT, e);
            done = true;
            return false;
        }
    }

    private boolean record(RawPacket packet) throws IOException {
        if (done) {
            return false;
        }
        if (!in.ensure(16)) {
            if (in.available() > 0) {
                anomalies.count(TRUNCATED_RECORD);
            }
            done = true;
            return false;
        }
        byte[] b = in.buffer();
        int p = in.position();
        long sec = read32(b, p) & 0xffffffffL;
        long frac = read32(b, p + 4) & 0xffffffffL;
        int caplen = read32(b, p + 8);
        int wirelen = read32(b, p + 12);
        if (caplen < 0 || caplen > maxRecord) {
            anomalies.count(RECORD_TOO_LARGE);
            done = true;
            return false;
        }
        if (!in.ensure(16 + caplen)) {
            anomalies.count(TRUNCATED_RECORD);
            done = true;
            return false;
        }
        if (wirelen < caplen) {
            anomalies.count(ORIG_LT_CAPLEN);
            wirelen = caplen;
        }
        b = in.buffer();
        p = in.position();
        long ts = sec * 1_000_000_000L + (nanos ? frac : frac * 1000L);
        packet.set(b, p + 16, caplen, wirelen, ts, linkType, 0);
        in.advance(16 + caplen);
        return true;
    }

    @Override
    public long bytesRead() {
        return counter.count();
    }

    @Override
    public long totalBytes() {
        return total;
    }

    @Override
    public String format() {
        return format;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
