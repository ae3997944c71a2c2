package dev.vigil.engine.stream;

import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.dissect.StreamDissector;

/** Reassembly and dissection state of one TCP flow; lives in {@code Flow.inspection} while needed. */
final class TcpStream {

    /** One direction's sequence space and buffers. */
    static final class Side {
        int nextSeq;
        boolean known;
        long delivered;
        byte[] pending;
        int pendingLen;
        Segment outOfOrder;
        int outOfOrderBytes;
        int outOfOrderCount;
    }

    /** A segment that arrived ahead of the next expected sequence number (kept sorted by seq). */
    static final class Segment {
        final int seq;
        final byte[] data;
        Segment next;

        Segment(int seq, byte[] data) {
            this.seq = seq;
            this.data = data;
        }
    }

    final Side client = new Side();
    final Side server = new Side();
    Protocol protocol;
    StreamDissector dissector;
    boolean finished;
}
