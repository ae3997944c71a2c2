package dev.vigil.engine.capture;

import java.io.Closeable;
import java.io.IOException;

/**
 * Where packets come from: a pcap or pcapng file, a stream on stdin, a live interface. A source
 * fills one reused {@link RawPacket} per call and counts what it cannot read as anomalies instead
 * of failing; only I/O errors throw.
 */
public interface PacketSource extends Closeable {

    /** Fills {@code packet} with the next frame; false at the end of the input. */
    boolean next(RawPacket packet) throws IOException;

    /** Input bytes consumed so far (compressed bytes for a gzip file), for progress. */
    long bytesRead();

    /** Total input bytes when known (a regular file), else -1. */
    default long totalBytes() {
        return -1;
    }

    /** Short description ("pcap", "pcapng", "pcap+gzip"). */
    String format();
}
