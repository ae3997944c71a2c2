package dev.vigil.inputs.netflow;

import dev.vigil.engine.flow.EndReason;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.flow.FlowRecord;
import dev.vigil.engine.flow.FlowSource;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * NetFlow v5/v9 and IPFIX export datagrams as bidirectional flows: each datagram is decoded
 * ({@link NetflowDecoder}), and the two directions of a conversation are paired into one flow, a
 * record waiting up to {@link #HOLD_MILLIS} for its reverse; a record whose reverse never comes is a
 * flow on its own. Whoever receives the datagrams (a socket, a file of them) hands them over with
 * {@link #datagram}; {@link #next} gives the flows ready so far. Time for the pairing is the
 * receiver's, passed in; the flows carry the exporters' times. Not thread-safe.
 */
public final class NetflowSource implements FlowSource {

    /** How long a one-way record waits for its reverse direction. */
    public static final long HOLD_MILLIS = 2000;
    /** Records waiting for their reverse at most; beyond, the waiting ones go alone. */
    public static final int MAX_PENDING = 200_000;

    static final int FIN = 1;
    static final int SYN = 2;
    static final int RST = 4;
    static final int ACK = 16;

    private record Key(int protocol, Ip a, int ap, Ip b, int bp) {
    }

    private static final class Pending {
        final Key key;
        final NetflowDecoder.Record r;
        final long arrived;
        boolean done;

        Pending(Key key, NetflowDecoder.Record r, long arrived) {
            this.key = key;
            this.r = r;
            this.arrived = arrived;
        }
    }

    private final NetflowDecoder decoder;
    private final Map<Key, Pending> pending = new HashMap<>();
    private final ArrayDeque<Pending> order = new ArrayDeque<>();
    private final ArrayDeque<FlowRecord> ready = new ArrayDeque<>();
    private long ids;
    private long bytes;
    private long now;

    public NetflowSource(NetflowLimits limits) {
        this.decoder = new NetflowDecoder(limits);
    }

    /** Decodes one export datagram from {@code exporter}, received at {@code nowMillis}. */
    public void datagram(byte[] b, int len, String exporter, long nowMillis) {
        now = nowMillis;
        bytes += len;
        decoder.decode(b, len, exporter, this::record);
    }

    /** Lets the records that waited since before {@code olderThanMillis} go as one-way flows. */
    public void expire(long olderThanMillis) {
        flushPending(olderThanMillis);
    }

    /** The end of the input: every waiting record goes as a flow. */
    public void end() {
        flushPending(Long.MAX_VALUE);
    }

    @Override
    public FlowRecord next() {
        return ready.poll();
    }

    @Override
    public long bytesRead() {
        return bytes;
    }

    @Override
    public String format() {
        return "netflow";
    }

    public NetflowDecoder.Counters counters() {
        return decoder.counters();
    }

    /** Templates kept, over every exporter. */
    public int templates() {
        return decoder.templates();
    }

    @Override
    public void close() {
        end();
    }

    /** Pairs a record with its reverse direction, or holds it. */
    void record(NetflowDecoder.Record r) {
        Ip s = Ip.ofBytes(r.src());
        Ip d = Ip.ofBytes(r.dst());
        boolean forward = s.compareTo(d) < 0 || (s.equals(d) && r.srcPort() <= r.dstPort());
        Key k = forward ? new Key(r.protocol(), s, r.srcPort(), d, r.dstPort()) : new Key(r.protocol(), d, r.dstPort(), s, r.srcPort());
        Pending p = pending.get(k);
        if (p != null && !Arrays.equals(p.r.src(), r.src())) {
            pending.remove(k);
            p.done = true;
            emit(p.r, r);
            return;
        }
        if (p != null) {
            // the same direction again (an active timeout split the flow): the held part goes alone
            pending.remove(k);
            p.done = true;
            emit(p.r, null);
        }
        if (pending.size() >= MAX_PENDING) {
            flushPending(Long.MAX_VALUE);
        }
        Pending n = new Pending(k, r, now);
        pending.put(k, n);
        order.addLast(n);
    }

    private void flushPending(long olderThan) {
        Iterator<Pending> it = order.iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (p.done) {
                it.remove();
                continue;
            }
            if (p.arrived > olderThan) {
                break;
            }
            it.remove();
            pending.remove(p.key);
            emit(p.r, null);
        }
    }

    /** One flow from a record and, when seen, its reverse; the client is the side that began. */
    private void emit(NetflowDecoder.Record a, NetflowDecoder.Record b) {
        NetflowDecoder.Record c = a;
        NetflowDecoder.Record s = b;
        if (b != null ? b.firstMs() < a.firstMs() || (b.firstMs() == a.firstMs() && b.srcPort() > b.dstPort())
                : a.srcPort() < 1024 && a.dstPort() >= 1024) {
            c = b;
            s = a;
        }
        ready.add(FlowRecord.of(flow(c, s)));
    }

    FlowEnded flow(NetflowDecoder.Record c, NetflowDecoder.Record s) {
        // a lone record whose source is the server (a reply without its request) keeps the client on the other side
        boolean reply = c == null;
        NetflowDecoder.Record x = reply ? s : c;
        Ip clientIp = Ip.ofBytes(reply ? s.dst() : c.src());
        Ip serverIp = Ip.ofBytes(reply ? s.src() : c.dst());
        int clientPort = reply ? s.dstPort() : c.srcPort();
        int serverPort = reply ? s.srcPort() : c.dstPort();
        long first = Math.min(x.firstMs(), s == null ? Long.MAX_VALUE : s.firstMs());
        long last = Math.max(x.lastMs(), s == null ? 0 : s.lastMs());
        int proto = x.protocol();
        Transport t = Transport.of(proto);
        long cp = reply ? 0 : c.packets();
        long cb = reply ? 0 : c.bytes();
        long sp = s == null ? 0 : s.packets();
        long sb = s == null ? 0 : s.bytes();
        int hdr = (proto == 6 ? 20 : proto == 17 ? 8 : 0) + (clientIp.isV4() ? 20 : 40);
        int cflags = reply ? 0 : c.tcpFlags();
        int sflags = s == null ? 0 : s.tcpFlags();
        Mac cmac = reply || c.srcMac() < 0 ? null : Mac.of(c.srcMac());
        Mac smac = reply || c.dstMac() < 0 ? null : Mac.of(c.dstMac());
        FlowMeta meta = new FlowMeta(++ids, t, proto, clientIp, clientPort, serverIp, serverPort, cmac, smac, null);
        // NetFlow counts layer-3 bytes; frames carry 14 more (Ethernet), payload is what the headers leave
        return new FlowEnded(last * 1_000_000L, meta, EndReason.RECORD, first * 1_000_000L, cp, sp, cb + 14 * cp,
                sb + 14 * sp, Math.max(0, cb - hdr * cp), Math.max(0, sb - hdr * sp), history(proto, cflags, sflags),
                connState(proto, cflags, sflags, cp, sp), null, 0);
    }

    /** Zeek-style history from the TCP flags each side ever set (client upper case). */
    static String history(int proto, int c, int s) {
        if (proto != 6) {
            return (c != 0 ? "D" : "") + (s != 0 ? "d" : "");
        }
        StringBuilder h = new StringBuilder();
        if ((c & SYN) != 0) {
            h.append('S');
        }
        if ((s & SYN) != 0 && (s & ACK) != 0) {
            h.append('h');
        }
        if ((c & ACK) != 0) {
            h.append('A');
        }
        if ((c & FIN) != 0) {
            h.append('F');
        }
        if ((s & FIN) != 0) {
            h.append('f');
        }
        if ((c & RST) != 0) {
            h.append('R');
        }
        if ((s & RST) != 0) {
            h.append('r');
        }
        return h.toString();
    }

    /** Zeek conn_state from cumulative TCP flags (an approximation: order is unknown). */
    static String connState(int proto, int c, int s, long cp, long sp) {
        if (proto != 6) {
            return sp > 0 && cp > 0 ? "SF" : "S0";
        }
        boolean syn = (c & SYN) != 0;
        boolean synAck = (s & SYN) != 0 && (s & ACK) != 0;
        if (syn && sp == 0) {
            return "S0";
        }
        if (syn && (s & RST) != 0 && !synAck) {
            return "REJ";
        }
        if (syn && synAck) {
            if ((c & RST) != 0) {
                return "RSTO";
            }
            if ((s & RST) != 0) {
                return "RSTR";
            }
            return (c & FIN) != 0 && (s & FIN) != 0 ? "SF" : (c & FIN) != 0 ? "S2" : (s & FIN) != 0 ? "S3" : "S1";
        }
        return "OTH";
    }
}
