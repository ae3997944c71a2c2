package dev.vigil.engine.flow;

import dev.vigil.engine.capture.PcapWriter;
import dev.vigil.engine.capture.RawPacket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The most recent packets of the most recent flows, so that the packets behind a finding can be
 * handed to an analyst as a pcap. Everything is allocated when the ring is made ({@link
 * PacketRingLimits#bytes()} bytes of packet data and fixed arrays around it): recording a packet
 * copies at most the snap length into its flow's slot and allocates nothing. A flow's slot holds
 * its last {@code packetsPerFlow} packets; a new flow takes the slot of a flow not seen for a whole
 * turn of the clock hand (CLOCK replacement), so busy flows stay and idle ones make room. Owned by
 * one thread (the pipeline's); the read methods run on it too, between packets.
 */
public final class PacketRing {

    private static final long FREE = -1;

    private final PacketRingLimits limits;
    private final int perFlow;
    private final int snap;
    private final byte[] data;
    private final long[] packetTime;
    private final int[] keptLength;
    private final int[] wireLength;
    private final int[] linkType;

    private final long[] slotFlow;
    private final FlowMeta[] slotMeta;
    private final int[] slotNext;
    private final int[] slotHeld;
    private final long[] slotLast;
    private final boolean[] slotRecent;
    private int hand;

    /** Flow id → slot: open addressing, linear probing, keys stored as id + 1 (0 is empty). */
    private final long[] indexKey;
    private final int[] indexSlot;
    private final int mask;

    private long packets;
    private long evicted;

    public PacketRing(PacketRingLimits limits) {
        this.limits = limits;
        this.perFlow = limits.packetsPerFlow();
        this.snap = limits.snapLength();
        int flows = limits.flows();
        int packetSlots = flows * perFlow;
        this.data = new byte[Math.toIntExact((long) packetSlots * snap)];
        this.packetTime = new long[packetSlots];
        this.keptLength = new int[packetSlots];
        this.wireLength = new int[packetSlots];
        this.linkType = new int[packetSlots];
        this.slotFlow = new long[flows];
        Arrays.fill(slotFlow, FREE);
        this.slotMeta = new FlowMeta[flows];
        this.slotNext = new int[flows];
        this.slotHeld = new int[flows];
        this.slotLast = new long[flows];
        this.slotRecent = new boolean[flows];
        int size = Integer.highestOneBit(Math.max(2, flows * 2 - 1)) << 1;
        this.indexKey = new long[size];
        this.indexSlot = new int[size];
        this.mask = size - 1;
    }

    public PacketRingLimits limits() {
        return limits;
    }

    /** Keeps the start of {@code raw} as the newest packet of flow {@code f}. */
    public void add(Flow f, RawPacket raw) {
        int slot = find(f.id());
        if (slot < 0) {
            slot = claim(f);
        }
        int i = slot * perFlow + slotNext[slot];
        int n = Math.min(raw.capturedLength, snap);
        System.arraycopy(raw.data, raw.offset, data, i * snap, n);
        packetTime[i] = raw.timestampNanos;
        keptLength[i] = n;
        wireLength[i] = raw.wireLength;
        linkType[i] = raw.linkType;
        slotNext[slot] = slotNext[slot] + 1 == perFlow ? 0 : slotNext[slot] + 1;
        if (slotHeld[slot] < perFlow) {
            slotHeld[slot]++;
        }
        slotLast[slot] = raw.timestampNanos;
        slotRecent[slot] = true;
        packets++;
    }

    /** Packets recorded since the ring was made. */
    public long packets() {
        return packets;
    }

    /** Flows whose packets made room for a newer flow's. */
    public long evicted() {
        return evicted;
    }

    /**
     * The ids of the flows held whose identity passes {@code test}, the most recently seen first, at
     * most {@code max}.
     */
    public long[] flows(Predicate<FlowMeta> test, int max) {
        List<Integer> slots = new ArrayList<>();
        for (int s = 0; s < slotFlow.length; s++) {
            if (slotFlow[s] != FREE && test.test(slotMeta[s])) {
                slots.add(s);
            }
        }
        slots.sort((a, b) -> Long.compare(slotLast[b], slotLast[a]));
        return slots.stream().limit(max).mapToLong(s -> slotFlow[s]).toArray();
    }

    /**
     * The held packets of these flows as one classic pcap (nanosecond time stamps), in time order,
     * or null when none is held. Packets of another link type than the first one's are left out (a
     * classic pcap has one).
     */
    public Pcap pcap(long[] flowIds) {
        List<int[]> picked = new ArrayList<>();
        for (long id : flowIds) {
            int slot = find(id);
            if (slot < 0) {
                continue;
            }
            int held = slotHeld[slot];
            int oldest = held < perFlow ? 0 : slotNext[slot];
            for (int k = 0; k < held; k++) {
                picked.add(new int[] {slot * perFlow + (oldest + k) % perFlow});
            }
        }
        if (picked.isEmpty()) {
            return null;
        }
        picked.sort((a, b) -> Long.compare(packetTime[a[0]], packetTime[b[0]]));
        int link = linkType[picked.get(0)[0]];
        PcapWriter w = new PcapWriter(link, snap);
        int written = 0;
        for (int[] p : picked) {
            int i = p[0];
            if (linkType[i] == link) {
                w.packet(packetTime[i], data, i * snap, keptLength[i], wireLength[i]);
                written++;
            }
        }
        return new Pcap(w.bytes(), written, flowIds.length);
    }

    /** A pcap made from the ring: its bytes, the packets in it, the flows asked for. */
    public record Pcap(byte[] bytes, int packets, int flows) {
    }

    private int find(long flowId) {
        long key = flowId + 1;
        for (int h = mix(flowId) & mask; ; h = (h + 1) & mask) {
            if (indexKey[h] == key) {
                return indexSlot[h];
            }
            if (indexKey[h] == 0) {
                return -1;
            }
        }
    }

    /** A slot for a new flow: a free one, else the first the clock hand finds not seen since its last turn. */
    private int claim(Flow f) {
        int s;
        while (true) {
            s = hand;
            hand = hand + 1 == slotFlow.length ? 0 : hand + 1;
            if (slotFlow[s] == FREE || !slotRecent[s]) {
                break;
            }
            slotRecent[s] = false;
        }
        if (slotFlow[s] != FREE) {
            unindex(slotFlow[s]);
            evicted++;
        }
        slotFlow[s] = f.id();
        slotMeta[s] = f.meta();
        slotNext[s] = 0;
        slotHeld[s] = 0;
        long key = f.id() + 1;
        int h = mix(f.id()) & mask;
        while (indexKey[h] != 0) {
            h = (h + 1) & mask;
        }
        indexKey[h] = key;
        indexSlot[h] = s;
        return s;
    }

    /** Removes a flow from the index, shifting back the entries after it (linear probing needs no tombstones). */
    private void unindex(long flowId) {
        long key = flowId + 1;
        int h = mix(flowId) & mask;
        while (indexKey[h] != key) {
            h = (h + 1) & mask;
        }
        int hole = h;
        for (int j = (hole + 1) & mask; indexKey[j] != 0; j = (j + 1) & mask) {
            int home = mix(indexKey[j] - 1) & mask;
            // the entry at j may move into the hole when its home is not cyclically in (hole, j]
            if (((j - home) & mask) >= ((j - hole) & mask)) {
                indexKey[hole] = indexKey[j];
                indexSlot[hole] = indexSlot[j];
                hole = j;
            }
        }
        indexKey[hole] = 0;
    }

    private static int mix(long x) {
        long h = x * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
