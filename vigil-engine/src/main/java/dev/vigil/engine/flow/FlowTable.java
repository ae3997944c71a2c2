package dev.vigil.engine.flow;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.decode.Decoded;
import dev.vigil.engine.net.Mac;
import java.util.EnumMap;
import java.util.Map;

/**
 * A bounded table of bidirectional flows. Lookup is an open-addressing hash on the canonical
 * 5-tuple plus VLAN; flow objects come from a pool that grows to {@link FlowLimits#capacity()} and is
 * then reused. Every flow sits on the least-recently-used list of its timeout class (TCP new,
 * established, closed; UDP; other), so {@link #evictIdle} touches only flows that expire. When the
 * table fills, emergency mode divides the timeouts, and as a last resort the least recently used
 * flow is evicted. Every flow leaves through the {@link EndHandler} with its {@link EndReason}.
 */
public final class FlowTable {

    /** Receives every flow as it leaves the table, before its object is reused. */
    @FunctionalInterface
    public interface EndHandler {
        void flowEnded(Flow flow, EndReason reason);
    }

    static final Anomaly TABLE_FULL = Anomaly.declare("flow.table_full_eviction", Anomaly.Kind.LIMIT,
            "a flow evicted before its timeout because the flow table was full");
    static final Anomaly EMERGENCY = Anomaly.declare("flow.emergency_mode", Anomaly.Kind.LIMIT,
            "the flow table entered emergency mode (timeouts shortened) because it was nearly full");

    private final FlowLimits limits;
    private final EndHandler handler;
    private final AnomalyCounters anomalies;
    private final Flow[] index;
    private final int mask;
    private final Flow[] heads = new Flow[Flow.CLASSES];
    private final Flow[] tails = new Flow[Flow.CLASSES];
    private Flow free;
    private int allocated;
    private int active;
    private long nextId = 1;
    private boolean emergency;
    private final int emergencyEnter;
    private final int emergencyLeave;
    private boolean lastFromClient;
    private long created;
    private int peakActive;
    private final long[] endedByReason = new long[EndReason.values().length];

    public FlowTable(FlowLimits limits, EndHandler handler, AnomalyCounters anomalies) {
        this.limits = limits;
        this.handler = handler;
        this.anomalies = anomalies;
        int size = Integer.highestOneBit(Math.max(16, limits.capacity()) * 2 - 1) * 2;
        this.index = new Flow[size];
        this.mask = size - 1;
        this.emergencyEnter = (int) (limits.capacity() * limits.emergencyEnterShare());
        this.emergencyLeave = (int) (limits.capacity() * limits.emergencyLeaveShare());
    }

    /** Direction of the packet last passed to {@link #track}: true when the client sent it. */
    public boolean lastFromClient() {
        return lastFromClient;
    }

    /**
     * Finds or creates the flow of a packet and accounts for it.
     *
     * @param d a decoded IP packet
     * @param now the pipeline clock (packet time, never decreasing)
     */
    public Flow track(Decoded d, long now) {
        int sp = d.hasPorts ? d.srcPort : 0;
        int dp = d.hasPorts ? d.dstPort : 0;
        boolean srcIsA = compare(d.srcHi, d.srcLo, sp, d.dstHi, d.dstLo, dp) <= 0;
        long aHi = srcIsA ? d.srcHi : d.dstHi;
        long aLo = srcIsA ? d.srcLo : d.dstLo;
        long bHi = srcIsA ? d.dstHi : d.srcHi;
        long bLo = srcIsA ? d.dstLo : d.srcLo;
        int aPort = srcIsA ? sp : dp;
        int bPort = srcIsA ? dp : sp;
        int proto = d.protocol;
        int vlan = d.vlan;
        int h = hash(aHi, aLo, bHi, bLo, aPort, bPort, proto, vlan);
        int i = h & mask;
        Flow f;
        while ((f = index[i]) != null) {
            if (f.hash == h && f.aLo == aLo && f.bLo == bLo && f.aPort == aPort && f.bPort == bPort
                    && f.aHi == aHi && f.bHi == bHi && f.proto == proto && f.vlan == vlan) {
                break;
            }
            i = (i + 1) & mask;
        }
        if (f == null) {
            f = create(d, now, srcIsA, aHi, aLo, bHi, bLo, aPort, bPort, proto, vlan, h);
        }
        boolean fromClient = srcIsA == f.clientIsA;
        lastFromClient = fromClient;
        account(f, d, now, fromClient);
        return f;
    }

    private Flow create(Decoded d, long now, boolean srcIsA, long aHi, long aLo, long bHi, long bLo, int aPort,
            int bPort, int proto, int vlan, int h) {
        if (active >= limits.capacity()) {
            evictOldest();
        }
        Flow f = free;
        if (f != null) {
            free = f.next;
        } else {
            f = new Flow();
            allocated++;
        }
        f.clearForReuse();
        f.aHi = aHi;
        f.aLo = aLo;
        f.bHi = bHi;
        f.bLo = bLo;
        f.aPort = aPort;
        f.bPort = bPort;
        f.proto = proto;
        f.vlan = vlan;
        f.hash = h;
        f.id = nextId++;
        f.firstSeen = now;
        f.lastSeen = now;
        f.active = true;
        boolean srcIsClient = ClientSide.srcIsClient(d);
        f.clientIsA = srcIsClient == srcIsA;
        f.timeoutClass = proto == Decoded.TCP
                ? ((d.tcpFlags & (Decoded.TCP_SYN | Decoded.TCP_ACK)) == Decoded.TCP_SYN
                        || (d.tcpFlags & (Decoded.TCP_SYN | Decoded.TCP_ACK)) == (Decoded.TCP_SYN | Decoded.TCP_ACK)
                        ? Flow.CLASS_TCP_NEW : Flow.CLASS_TCP_ESTABLISHED)
                : proto == Decoded.UDP ? Flow.CLASS_UDP : Flow.CLASS_OTHER;
        int i = h & mask;
        while (index[i] != null) {
            i = (i + 1) & mask;
        }
        index[i] = f;
        append(f);
        active++;
        created++;
        if (active > peakActive) {
            peakActive = active;
        }
        if (!emergency && active >= emergencyEnter) {
            emergency = true;
            anomalies.count(EMERGENCY);
        }
        return f;
    }

    private void account(Flow f, Decoded d, long now, boolean fromClient) {
        f.lastSeen = now;
        int flags = d.tcpFlags;
        if (fromClient) {
            if (f.clientPackets == 0) {
                f.clientTtl = d.ttl;
            }
            f.clientPackets++;
            f.clientBytes += d.wireLength;
            f.clientPayloadBytes += d.payloadLength;
            f.clientFlags |= flags;
            if (f.proto == Decoded.TCP) {
                f.clientCrafted |= crafted(d, flags);
            }
            if (f.clientMac == Mac.NONE && Mac.isStation(d.srcMac)) {
                f.clientMac = d.srcMac;
            }
            if (f.serverMac == Mac.NONE && d.dstMac != Mac.NONE) {
                f.serverMac = d.dstMac;
            }
        } else {
            f.serverPackets++;
            f.serverBytes += d.wireLength;
            f.serverPayloadBytes += d.payloadLength;
            f.serverFlags |= flags;
            if (Mac.isStation(d.srcMac) && (f.serverMac == Mac.NONE || Mac.isGroup(f.serverMac))) {
                f.serverMac = d.srcMac;
            }
            if (f.clientMac == Mac.NONE && Mac.isStation(d.dstMac)) {
                f.clientMac = d.dstMac;
            }
        }
        int cls = f.timeoutClass;
        if (f.proto == Decoded.TCP) {
            cls = tcpHistory(f, d, fromClient, cls);
        } else if (d.payloadLength > 0) {
            f.addHistory(fromClient, Flow.H_DATA);
        }
        if (cls != f.timeoutClass) {
            unlink(f);
            f.timeoutClass = cls;
            append(f);
        } else if (tails[cls] != f) {
            unlink(f);
            append(f);
        }
    }

    /**
     * What in one client segment's TCP header no conforming stack writes (RFC 9293 §3.1): a SYN offering
     * a receive window smaller than {@link FlowEnded#TINY_SYN_WINDOW} bytes, an urgent pointer without
     * URG, a reserved bit. OS fingerprinting sets them to read how the target answers.
     */
    static int crafted(Decoded d, int flags) {
        int c = 0;
        if ((flags & (Decoded.TCP_SYN | Decoded.TCP_ACK)) == Decoded.TCP_SYN && d.tcpWindow < FlowEnded.TINY_SYN_WINDOW) {
            c |= FlowEnded.CRAFTED_TINY_SYN_WINDOW;
        }
        if ((flags & Decoded.TCP_URG) == 0 && d.tcpUrgent != 0) {
            c |= FlowEnded.CRAFTED_URGENT_WITHOUT_URG;
        }
        if (d.tcpReserved != 0) {
            c |= FlowEnded.CRAFTED_RESERVED_BITS;
        }
        return c;
    }

    private static int tcpHistory(Flow f, Decoded d, boolean fromClient, int cls) {
        int flags = d.tcpFlags;
        boolean syn = (flags & Decoded.TCP_SYN) != 0;
        boolean ack = (flags & Decoded.TCP_ACK) != 0;
        if (syn) {
            f.addHistory(fromClient, ack ? Flow.H_SYNACK : Flow.H_SYN);
            if (ack && !fromClient && cls == Flow.CLASS_TCP_NEW) {
                cls = Flow.CLASS_TCP_ESTABLISHED;
            }
        } else if (ack && d.payloadLength == 0 && (flags & (Decoded.TCP_FIN | Decoded.TCP_RST)) == 0) {
            f.addHistory(fromClient, Flow.H_ACK);
        }
        if (d.payloadLength > 0) {
            f.addHistory(fromClient, Flow.H_DATA);
            if (cls == Flow.CLASS_TCP_NEW && f.clientPackets > 0 && f.serverPackets > 0) {
                cls = Flow.CLASS_TCP_ESTABLISHED;
            }
        }
        if ((flags & Decoded.TCP_FIN) != 0) {
            f.addHistory(fromClient, Flow.H_FIN);
            if (f.seen(true, Flow.H_FIN) && f.seen(false, Flow.H_FIN)) {
                cls = Flow.CLASS_TCP_CLOSED;
            }
        }
        if ((flags & Decoded.TCP_RST) != 0) {
            f.addHistory(fromClient, Flow.H_RST);
            cls = Flow.CLASS_TCP_CLOSED;
        }
        return cls;
    }

    /** Ends every flow whose state's timeout has passed at {@code now}. */
    public void evictIdle(long now) {
        int divisor = emergency ? limits.emergencyTimeoutDivisor() : 1;
        for (int c = 0; c < Flow.CLASSES; c++) {
            long timeout = limits.timeout(c) / divisor;
            Flow f;
            while ((f = heads[c]) != null && now - f.lastSeen >= timeout) {
                end(f, c == Flow.CLASS_TCP_CLOSED ? EndReason.TCP_CLOSED
                        : emergency ? EndReason.EMERGENCY : EndReason.IDLE_TIMEOUT);
            }
        }
        if (emergency && active < emergencyLeave) {
            emergency = false;
        }
    }

    /** Ends every flow (end of input); the table is empty afterwards. */
    public void endAll() {
        for (int c = 0; c < Flow.CLASSES; c++) {
            Flow f;
            while ((f = heads[c]) != null) {
                end(f, EndReason.END_OF_INPUT);
            }
        }
        emergency = false;
    }

    private void evictOldest() {
        Flow victim = heads[Flow.CLASS_TCP_CLOSED];
        if (victim == null) {
            for (int c = 0; c < Flow.CLASSES; c++) {
                Flow h = heads[c];
                if (h != null && (victim == null || h.lastSeen < victim.lastSeen)) {
                    victim = h;
                }
            }
        }
        anomalies.count(TABLE_FULL);
        end(victim, EndReason.CAPACITY);
    }

    private void end(Flow f, EndReason reason) {
        handler.flowEnded(f, reason);
        endedByReason[reason.ordinal()]++;
        unlink(f);
        removeFromIndex(f);
        f.active = false;
        f.inspection = null;
        active--;
        f.next = free;
        free = f;
    }

    /** Linear-probing deletion by backward shift: no tombstones, so probes stay short. */
    private void removeFromIndex(Flow f) {
        int i = f.hash & mask;
        while (index[i] != f) {
            i = (i + 1) & mask;
        }
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            Flow g = index[j];
            if (g == null) {
                break;
            }
            int home = g.hash & mask;
            boolean movable = i <= j ? (home <= i || home > j) : (home <= i && home > j);
            if (movable) {
                index[i] = g;
                i = j;
            }
        }
        index[i] = null;
    }

    private void append(Flow f) {
        int c = f.timeoutClass;
        f.next = null;
        f.prev = tails[c];
        if (tails[c] != null) {
            tails[c].next = f;
        } else {
            heads[c] = f;
        }
        tails[c] = f;
    }

    private void unlink(Flow f) {
        int c = f.timeoutClass;
        if (f.prev != null) {
            f.prev.next = f.next;
        } else {
            heads[c] = f.next;
        }
        if (f.next != null) {
            f.next.prev = f.prev;
        } else {
            tails[c] = f.prev;
        }
        f.prev = null;
        f.next = null;
    }

    static int compare(long hi1, long lo1, int p1, long hi2, long lo2, int p2) {
        int c = Long.compareUnsigned(hi1, hi2);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(lo1, lo2);
        return c != 0 ? c : Integer.compare(p1, p2);
    }

    static int hash(long aHi, long aLo, long bHi, long bLo, int aPort, int bPort, int proto, int vlan) {
        long h = aLo * 0x9E3779B97F4A7C15L;
        h ^= bLo * 0xC2B2AE3D27D4EB4FL;
        h ^= (aHi ^ Long.rotateLeft(bHi, 17)) * 0x165667B19E3779F9L;
        h ^= (((long) aPort << 32) | ((long) bPort << 8) | proto) * 0xD6E8FEB86659FD93L;
        h ^= vlan;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }

    public int active() {
        return active;
    }

    public long created() {
        return created;
    }

    public int peakActive() {
        return peakActive;
    }

    /** Flow objects ever allocated (the pool's size). */
    public int allocated() {
        return allocated;
    }

    public boolean emergency() {
        return emergency;
    }

    public FlowLimits limits() {
        return limits;
    }

    public Map<EndReason, Long> endedByReason() {
        Map<EndReason, Long> m = new EnumMap<>(EndReason.class);
        for (EndReason r : EndReason.values()) {
            m.put(r, endedByReason[r.ordinal()]);
        }
        return m;
    }

    /** The id the next flow gets. */
    public long nextId() {
        return nextId;
    }

    /**
     * Numbers the flows from {@code first} on: a continuing analysis that runs one table after
     * another keeps flow ids unique across them.
     */
    public void numberFrom(long first) {
        if (first < 1) {
            throw new IllegalArgumentException("flow ids start at 1");
        }
        nextId = first;
    }
}
