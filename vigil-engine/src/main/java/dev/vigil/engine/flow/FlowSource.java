package dev.vigil.engine.flow;

import java.io.Closeable;
import java.io.IOException;

/**
 * Where flow records come from, beside the packets of a {@link dev.vigil.engine.capture.PacketSource}:
 * a Zeek conn.log, NetFlow v5/v9 or IPFIX export, any tool that summarises connections. Each record
 * is the engine's own {@link FlowEnded}, so what reads flows (the inventory, the detectors) cannot
 * tell a record from a flow the engine made of packets. A source counts what it cannot read as
 * anomalies instead of failing; only I/O errors throw.
 */
public interface FlowSource extends Closeable {

    /**
     * The next record; null when there is none now: at the end of a file, or (a live source) until
     * more arrives.
     */
    FlowRecord next() throws IOException;

    /** Input bytes consumed so far (compressed bytes for a gzip file), for progress. */
    long bytesRead();

    /** Total input bytes when known (a regular file), else -1. */
    default long totalBytes() {
        return -1;
    }

    /** Short description ("zeek-conn-tsv", "netflow"). */
    String format();
}
