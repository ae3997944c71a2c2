package dev.vigil.server.ingest;

import dev.vigil.engine.flow.FlowRecord;
import dev.vigil.inputs.netflow.ExporterRates;
import dev.vigil.inputs.netflow.NetflowDecoder;
import dev.vigil.inputs.netflow.NetflowLimits;
import dev.vigil.inputs.netflow.NetflowSource;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
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
 * the two directions of a conversation into one bidirectional flow ({@link NetflowSource}, which
 * waits up to {@link NetflowSource#HOLD_MILLIS} for the reverse record), and feeds the flows to the
 * analysis like conn.log rows. Gaps in the exporters' sequence numbers are reported in the status
 * message as an estimate of records lost on the way (exporters do not all count alike); {@code dropped} counts what this collector dropped,
 * datagrams over an exporter's rate among them ({@link NetflowLimits}). What any sender can make it
 * keep (templates, exporters) is bounded by the same limits; refused templates count as malformed.
 */
public final class FlowCollector extends Source {

    private static final Logger LOG = LoggerFactory.getLogger(FlowCollector.class);
    static final int QUEUE = 16_384;
    /** RFC 768: the largest UDP payload. */
    static final int MAX_DATAGRAM = 65_535;

    private final InetSocketAddress bind;
    private final BlockingQueue<DatagramPacket> queue = new ArrayBlockingQueue<>(QUEUE);
    private final NetflowSource netflow;
    private final ExporterRates rates;
    private final AtomicLong rateLimited = new AtomicLong();
    private volatile DatagramSocket socket;
    private volatile int boundPort = -1;
    private long lostSeen;
    private String reported = "";
    private boolean receiveFailed;
    private volatile int templatesKept;

    public FlowCollector(InetSocketAddress bind) {
        this(bind, NetflowLimits.DEFAULT);
    }

    public FlowCollector(InetSocketAddress bind, NetflowLimits limits) {
        super("netflow:" + bind.getHostString() + ":" + bind.getPort(), "netflow");
        this.bind = bind;
        this.netflow = new NetflowSource(limits);
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
                    netflow.datagram(d.getData(), d.getLength(), exporter, System.currentTimeMillis());
                    drain();
                    NetflowDecoder.Counters c = netflow.counters();
                    malformed.set(c.malformed + c.noTemplate);
                    templatesKept = netflow.templates();
                    if (c.lost > lostSeen) {
                        // an estimate: exporters count sequence numbers differently (softflowd's IPFIX
                        // sequence skips around template messages), so it is shown, not added to dropped
                        lostSeen = c.lost;
                    }
                }
                report();
                netflow.expire(System.currentTimeMillis() - NetflowSource.HOLD_MILLIS);
                drain();
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
            netflow.end();
            drain();
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
        Map<String, Long> a = netflow.counters().anomalies;
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

    /** Feeds the analysis the flows paired so far. */
    private void drain() {
        for (FlowRecord r = netflow.next(); r != null; r = netflow.next()) {
            flow(r.flow(), null);
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

    @Override
    public void stop() {
        super.stop();
    }
}
