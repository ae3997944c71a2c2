package dev.vigil.server.ingest;

import dev.vigil.engine.flow.EndReason;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A NetFlow v5/v9 and IPFIX collector on a UDP port. A receiver thread copies export packets into a
 * bounded queue (full: the packet is dropped and counted); this source's thread decodes them, pairs
 * the two directions of a conversation into one bidirectional flow (waiting up to {@link #HOLD_MILLIS}
 * for the reverse record), and feeds the flows to the analysis like conn.log rows. Gaps in the
 * exporters' sequence numbers are reported in the status message as an estimate of records lost on
 * the way (exporters do not all count alike); {@code dropped} counts what this collector dropped,
 * datagrams over an exporter's rate among them ({@link NetflowLimits}). What any sender can make it
 * keep (templates, exporters) is bounded by the same limits; refused templates count as malformed.
 */
public final class FlowCollector extends Source {

    private static final Logger LOG = LoggerFactory.getLogger(FlowCollector.class);
    static final int QUEUE = 16_384;
    /** RFC 768: the largest UDP payload. */
    static final int MAX_DATAGRAM = 65_535;
    static final long HOLD_MILLIS = 2000;
    static final int MAX_PENDING = 200_000;

    private final InetSocketAddress bind;
    private final BlockingQueue<DatagramPacket> queue = new ArrayBlockingQueue<>(QUEUE);
    private final NetflowDecoder decoder;
    private final ExporterRates rates;
    private final AtomicLong rateLimited = new AtomicLong();
    private final Map<Key, Pending> pending = new HashMap<>();
    private final ArrayDeque<Pending> order = new ArrayDeque<>();
    private volatile DatagramSocket socket;
    private volatile int boundPort = -1;
    private long ids;
    private long lostSeen;
    private String reported = "";
    private boolean receiveFailed;
    private volatile int templatesKept;

    record Key(int protocol, Ip a, int ap, Ip b, int bp) {
    }

    static final class Pending {
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

    public FlowCollector(InetSocketAddress bind) {
        this(bind, NetflowLimits.DEFAULT);
    }

    public FlowCollector(InetSocketAddress bind, NetflowLimits limits) {
        super("netflow:" + bind.getHostString() + ":" + bind.getPort(), "netflow");
        this.bind = bind;
        this.decoder = new NetflowDecoder(limits);
        this.rates = new ExporterRates(limits);
    }

    /** HOST:PORT (or PORT, on 127.0.0.1). */
    public static FlowCollector parse(String spec) {
        int c = spec.lastIndexOf(':');
        String host = c < 0 ? "127.0.0.1" : spec.substring(0, c);
        String port = c < 0 ? spec : spec.substring(c + 1);
        try {
            int p = Integer.parseInt(port);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return new FlowCollector(new InetSocketAddress(host.replace("[", "").replace("]", ""), p));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--netflow '" + spec + "': expected HOST:PORT, such as 0.0.0.0:2055");
        }
    }

    /** Templates the decoder keeps, over every exporter (at most {@link NetflowLimits#templates}). */
    public int templatesKept() {
        return templatesKept;
    }

    /** The UDP port actually bound (useful with port 0), or -1 before it is. */
    public int port() {
        return boundPort;
    }

    @Override
    protected void read() throws SourceException {
        try {
            socket = new DatagramSocket(bind);
            socket.setReceiveBufferSize(4 << 20);
            socket.setSoTimeout(250);
            boundPort = socket.getLocalPort();
        } catch (SocketException e) {
            throw new SourceException("--netflow " + bind.getHostString() + ":" + bind.getPort() + ": cannot listen: "
                    + e.getMessage());
        }
        format("netflow");
        Thread receiver = Thread.ofPlatform().name("vigil-netflow-rx").daemon(true).start(this::receive);
        try {
            while (!stopping || !queue.isEmpty()) {
                DatagramPacket d = queue.poll(250, TimeUnit.MILLISECONDS);
                if (d != null) {
                    String exporter = d.getAddress().getHostAddress();
                    decoder.decode(d.getData(), d.getLength(), exporter, this::record);
                    NetflowDecoder.Counters c = decoder.counters();
                    malformed.set(c.malformed + c.noTemplate);
                    templatesKept = decoder.templates();
                    if (c.lost > lostSeen) {
                        // an estimate: exporters count sequence numbers differently (softflowd's IPFIX
                        // sequence skips around template messages), so it is shown, not added to dropped
                        lostSeen = c.lost;
                    }
                }
                report();
                flushPending(System.currentTimeMillis() - HOLD_MILLIS);
                tick(null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            socket.close();
            try {
                receiver.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            flushPending(Long.MAX_VALUE);
            commit(null);
        }
    }

    /** What the status says beyond the counters: sequence gaps, datagrams over rate, refused templates. */
    private void report() {
        StringBuilder m = new StringBuilder();
        if (lostSeen > 0) {
            m.append("exporter sequence gaps: about ").append(lostSeen).append(" records may have been lost");
        }
        long limited = rateLimited.get();
        if (limited > 0) {
            m.append(m.isEmpty() ? "" : "; ").append(limited).append(" datagrams over their exporter's rate dropped");
        }
        Map<String, Long> a = decoder.counters().anomalies;
        if (!a.isEmpty()) {
            m.append(m.isEmpty() ? "" : "; ").append("anomalies ").append(a);
        }
        String now = m.toString();
        if (!now.equals(reported)) {
            reported = now;
            state(State.RUNNING, now.isEmpty() ? null : now);
        }
    }

    private void receive() {
        byte[] buf = new byte[MAX_DATAGRAM];
        DatagramPacket d = new DatagramPacket(buf, buf.length);
        while (!stopping) {
            try {
                d.setLength(buf.length);
                socket.receive(d);
                bytes.addAndGet(d.getLength());
                if (!rates.admit(d.getAddress(), System.nanoTime())) {
                    rateLimited.incrementAndGet();
                    dropped.incrementAndGet();
                } else if (!queue.offer(new DatagramPacket(Arrays.copyOf(buf, d.getLength()), d.getLength(),
                        d.getSocketAddress()))) {
                    dropped.incrementAndGet();
                }
            } catch (java.net.SocketTimeoutException e) {
                // wakes up to see whether the collector is stopping
            } catch (IOException e) {
                return;
            } catch (RuntimeException | Error e) {
                // nothing one datagram holds may end the receiver: it is dropped and counted
                dropped.incrementAndGet();
                if (!receiveFailed) {
                    receiveFailed = true;
                    LOG.error("{}: a datagram could not be received (further ones are only counted)", name, e);
                }
            }
        }
    }

    @Override
    protected long queued() {
        return queue.size();
    }

    @Override
    protected long queueCapacity() {
        return QUEUE;
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
        Pending n = new Pending(k, r, System.currentTimeMillis());
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

    /** One flow from a record and, when seen, its reverse. */
    private void emit(NetflowDecoder.Record a, NetflowDecoder.Record b) {
        NetflowDecoder.Record c = a;
        NetflowDecoder.Record s = b;
        if (b != null ? b.firstMs() < a.firstMs() || (b.firstMs() == a.firstMs() && b.srcPort() > b.dstPort())
                : a.srcPort() < 1024 && a.dstPort() >= 1024) {
            c = b;
            s = a;
        }
        FlowEnded f = flow(c, s);
        flow(f, null);
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

    static final int FIN = 1;
    static final int SYN = 2;
    static final int RST = 4;
    static final int ACK = 16;

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

    @Override
    public void stop() {
        super.stop();
    }
}
