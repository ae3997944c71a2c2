package dev.vigil.engine.stream;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.anomaly.Anomaly.Kind;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.anomaly.Faults;
import dev.vigil.engine.decode.Decoded;
import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.dissect.ProtocolSelector;
import dev.vigil.engine.flow.Flow;
import dev.vigil.engine.flow.Transport;

/**
 * In-order TCP reassembly feeding stream dissectors. Each direction's bytes are delivered in
 * sequence order; retransmitted bytes are trimmed, out-of-order segments are held (bounded) until
 * the hole fills, and what cannot be recovered is reported to the dissector as a gap. Data in
 * order is handed over from the packet buffer without a copy; only unconsumed remainders and
 * out-of-order segments are copied. Inspection of a flow stops as soon as its dissector wants
 * nothing more, after which its packets cost nothing here. A dissector that throws is counted as
 * its protocol's fault ({@link Faults#dissector}) and that flow's inspection stops; the flow goes on
 * being tracked and counted.
 */
public final class TcpReassembler {

    /** Marks a flow whose inspection is over. */
    public static final Object DONE = new Object();

    static final Anomaly RETRANSMISSION = Anomaly.declare("tcp.retransmission", Kind.NOTE,
            "a TCP segment whose bytes were all delivered already");
    static final Anomaly OUT_OF_ORDER = Anomaly.declare("tcp.out_of_order", Kind.NOTE,
            "a TCP segment ahead of the next expected byte, held until the hole filled");
    static final Anomaly GAP = Anomaly.declare("tcp.gap", Kind.NOTE,
            "bytes missing from a TCP stream (capture loss or snap length); the dissector was told");
    static final Anomaly DEPTH = Anomaly.declare("stream.depth_reached", Kind.LIMIT,
            "a stream reached the reassembly depth; later bytes were not inspected");
    static final Anomaly PENDING_OVERFLOW = Anomaly.declare("stream.pending_overflow", Kind.LIMIT,
            "a message larger than the pending-bytes limit; the dissector skipped it");
    static final Anomaly OOO_OVERFLOW = Anomaly.declare("stream.out_of_order_overflow", Kind.LIMIT,
            "more out-of-order data than the reassembly limits hold; treated as a gap");

    private final ReassemblyLimits limits;
    private final ProtocolSelector selector;
    private final AnomalyCounters anomalies;
    private final DissectorContext ctx;
    private final BufferPool pool;

    public TcpReassembler(ReassemblyLimits limits, ProtocolSelector selector, AnomalyCounters anomalies,
            DissectorContext ctx) {
        this.limits = limits;
        this.selector = selector;
        this.anomalies = anomalies;
        this.ctx = ctx;
        this.pool = new BufferPool(MIN_PENDING, limits.maxPendingBytes());
    }

    /** The smallest pending buffer; buffers grow by doubling up to the pending limit. */
    static final int MIN_PENDING = 2048;

    /** Handles one TCP packet of a flow still under inspection. */
    public void onPacket(Flow f, Decoded d, boolean fromClient) {
        TcpStream s = (TcpStream) f.inspection;
        if (s == null) {
            s = new TcpStream();
            f.inspection = s;
        }
        TcpStream.Side side = fromClient ? s.client : s.server;
        ctx.set(d.ts, f, d);
        int flags = d.tcpFlags;
        if ((flags & Decoded.TCP_SYN) != 0) {
            side.nextSeq = d.tcpSeq + 1;
            side.known = true;
            return;
        }
        int len = d.payloadLength;
        if (len <= 0) {
            return;
        }
        if (!side.known) {
            side.nextSeq = d.tcpSeq;
            side.known = true;
        }
        int off = d.payloadOffset;
        int cap = d.payloadCaptured;
        int diff = d.tcpSeq - side.nextSeq;
        if (diff < 0) {
            if (diff + len <= 0) {
                anomalies.count(RETRANSMISSION);
                return;
            }
            int skip = -diff;
            off += skip;
            cap = Math.max(0, cap - skip);
            len -= skip;
        } else if (diff > 0) {
            if (cap == len && hold(side, d.tcpSeq, d.data, off, cap)) {
                anomalies.count(OUT_OF_ORDER);
                return;
            }
            if (!gap(f, s, fromClient, diff)) {
                return;
            }
            side.nextSeq = d.tcpSeq;
        }
        inOrder(f, s, side, fromClient, d.data, off, cap, len);
        drainHeld(f, s, side, fromClient);
    }

    /** The flow ended: a dissector still running gets its chance to emit what is pending. */
    public void onFlowEnd(Flow f) {
        if (f.inspection instanceof TcpStream s && s.dissector != null && !s.finished) {
            ctx.set(f.lastSeen(), f, null);
            try {
                s.dissector.onEnd(ctx);
            } catch (RuntimeException | StackOverflowError e) {
                ctx.faults().record(Faults.dissector(s.protocol.name()), e);
            }
        }
        if (f.inspection instanceof TcpStream s) {
            release(s);
        }
    }

    private void inOrder(Flow f, TcpStream s, TcpStream.Side side, boolean fromClient, byte[] b, int off, int cap,
            int len) {
        if (cap > 0) {
            feed(f, s, side, fromClient, b, off, cap);
        }
        side.nextSeq += len;
        if (cap < len && !s.finished) {
            gap(f, s, fromClient, len - cap);
        }
    }

    private boolean hold(TcpStream.Side side, int seq, byte[] b, int off, int len) {
        if (side.outOfOrderCount >= limits.maxOutOfOrderSegments()
                || side.outOfOrderBytes + len > limits.maxOutOfOrderBytes()) {
            anomalies.count(OOO_OVERFLOW);
            return false;
        }
        byte[] copy = new byte[len];
        System.arraycopy(b, off, copy, 0, len);
        TcpStream.Segment seg = new TcpStream.Segment(seq, copy);
        TcpStream.Segment prev = null;
        TcpStream.Segment cur = side.outOfOrder;
        while (cur != null && cur.seq - seq < 0) {
            prev = cur;
            cur = cur.next;
        }
        seg.next = cur;
        if (prev == null) {
            side.outOfOrder = seg;
        } else {
            prev.next = seg;
        }
        side.outOfOrderBytes += len;
        side.outOfOrderCount++;
        return true;
    }

    private void drainHeld(Flow f, TcpStream s, TcpStream.Side side, boolean fromClient) {
        TcpStream.Segment seg;
        while ((seg = side.outOfOrder) != null && !s.finished && seg.seq - side.nextSeq <= 0) {
            side.outOfOrder = seg.next;
            side.outOfOrderBytes -= seg.data.length;
            side.outOfOrderCount--;
            int skip = side.nextSeq - seg.seq;
            if (skip < seg.data.length) {
                int n = seg.data.length - skip;
                inOrder(f, s, side, fromClient, seg.data, skip, n, n);
            }
        }
    }

    /** Tells the dissector about missing bytes; returns false when inspection stopped. */
    private boolean gap(Flow f, TcpStream s, boolean fromClient, long missing) {
        anomalies.count(GAP);
        TcpStream.Side side = fromClient ? s.client : s.server;
        side.pendingLen = 0;
        if (s.dissector == null || s.finished) {
            finish(f, s);
            return false;
        }
        try {
            if (s.dissector.onGap(ctx, fromClient, missing)) {
                return true;
            }
        } catch (RuntimeException | StackOverflowError e) {
            ctx.faults().record(Faults.dissector(s.protocol.name()), e);
        }
        finish(f, s);
        return false;
    }

    private void feed(Flow f, TcpStream s, TcpStream.Side side, boolean fromClient, byte[] b, int off, int len) {
        if (s.finished) {
            return;
        }
        long room = limits.depthBytes() - side.delivered;
        if (room <= 0) {
            anomalies.count(DEPTH);
            finish(f, s);
            return;
        }
        if (len > room) {
            len = (int) room;
        }
        side.delivered += len;
        if (side.pendingLen == 0) {
            int used = process(f, s, fromClient, b, off, len);
            if (used < len && !s.finished) {
                keep(f, s, side, b, off + used, len - used);
            }
            return;
        }
        if (!keep(f, s, side, b, off, len)) {
            return;
        }
        int used = process(f, s, fromClient, side.pending, 0, side.pendingLen);
        if (s.finished) {
            return;
        }
        int rest = side.pendingLen - used;
        if (rest > 0 && used > 0) {
            System.arraycopy(side.pending, used, side.pending, 0, rest);
        }
        side.pendingLen = rest;
    }

    /** Appends unconsumed bytes to the side's pending buffer; false (and a gap) when it overflows. */
    private boolean keep(Flow f, TcpStream s, TcpStream.Side side, byte[] b, int off, int len) {
        int need = side.pendingLen + len;
        if (need > limits.maxPendingBytes()) {
            anomalies.count(PENDING_OVERFLOW);
            gap(f, s, side == s.client, need);
            return false;
        }
        if (side.pending == null || side.pending.length < need) {
            byte[] bigger = pool.take(need);
            if (side.pendingLen > 0) {
                System.arraycopy(side.pending, 0, bigger, 0, side.pendingLen);
            }
            pool.give(side.pending);
            side.pending = bigger;
        }
        System.arraycopy(b, off, side.pending, side.pendingLen, len);
        side.pendingLen = need;
        return true;
    }

    private int process(Flow f, TcpStream s, boolean fromClient, byte[] b, int off, int len) {
        if (s.protocol == null) {
            Protocol p = selector.select(Transport.TCP, f.clientPort(), f.serverPort(), b, off, len, fromClient);
            if (p == ProtocolSelector.UNDECIDED && len < limits.probeBytes()) {
                return 0;
            }
            if (p == null || p == ProtocolSelector.UNDECIDED) {
                finish(f, s);
                return len;
            }
            s.protocol = p;
            f.service = p.name();
        }
        try {
            if (s.dissector == null) {
                s.dissector = s.protocol.newStreamDissector();
            }
            if (s.dissector == null) {
                finish(f, s);
                return len;
            }
            int used = s.dissector.onData(ctx, fromClient, b, off, len);
            if (!s.dissector.wantsMore()) {
                finish(f, s);
            }
            return Math.max(0, Math.min(used, len));
        } catch (RuntimeException | StackOverflowError e) {
            ctx.faults().record(Faults.dissector(s.protocol.name()), e);
            finish(f, s);
            return len;
        }
    }

    private void finish(Flow f, TcpStream s) {
        s.finished = true;
        release(s);
        s.client.outOfOrder = null;
        s.server.outOfOrder = null;
        f.inspection = DONE;
    }

    /** Hands a stream's pending buffers back to the pool. */
    private void release(TcpStream s) {
        pool.give(s.client.pending);
        pool.give(s.server.pending);
        s.client.pending = null;
        s.server.pending = null;
        s.client.pendingLen = 0;
        s.server.pendingLen = 0;
    }
}
