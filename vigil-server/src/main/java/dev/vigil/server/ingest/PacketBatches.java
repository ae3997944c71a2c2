package dev.vigil.server.ingest;

import dev.vigil.engine.capture.RawPacket;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded hand-over of packets from a capture thread to an analysis thread, without allocating per
 * packet: a fixed pool of batches (one byte arena and per-packet offsets each) circulates between a
 * free queue and a full queue. When the analysis falls behind and no batch is free, the capture thread
 * drops the packet and counts it; it never blocks the kernel's ring.
 */
final class PacketBatches {

    static final int BATCH_BYTES = 1 << 20;
    static final int BATCH_PACKETS = 4096;

    /** One batch: packets laid end to end in {@link #data}. */
    static final class Batch {
        final byte[] data = new byte[BATCH_BYTES];
        final int[] offset = new int[BATCH_PACKETS];
        final int[] captured = new int[BATCH_PACKETS];
        final int[] wire = new int[BATCH_PACKETS];
        final long[] ts = new long[BATCH_PACKETS];
        int count;
        int used;
        int linkType;

        boolean fits(int len) {
            return count < BATCH_PACKETS && used + len <= BATCH_BYTES;
        }

        void fill(RawPacket p, int i) {
            p.set(data, offset[i], captured[i], wire[i], ts[i], linkType, 0);
        }
    }

    private final ArrayBlockingQueue<Batch> free;
    private final ArrayBlockingQueue<Batch> full;
    private final int capacity;
    private Batch filling;
    private volatile long dropped;

    PacketBatches(int batches) {
        this.capacity = batches;
        this.free = new ArrayBlockingQueue<>(batches);
        this.full = new ArrayBlockingQueue<>(batches);
        for (int i = 0; i < batches; i++) {
            free.add(new Batch());
        }
    }

    /** Capture thread: copies one packet in; false (and counted) when no batch is free. */
    boolean add(MemorySegment src, int caplen, int wireLen, long tsNanos, int linkType) {
        int len = Math.min(caplen, BATCH_BYTES);
        Batch b = filling;
        if (b != null && (!b.fits(len) || b.linkType != linkType)) {
            flush();
            b = null;
        }
        if (b == null) {
            b = free.poll();
            if (b == null) {
                dropped++;
                return false;
            }
            b.linkType = linkType;
            filling = b;
        }
        int i = b.count++;
        b.offset[i] = b.used;
        b.captured[i] = len;
        b.wire[i] = wireLen;
        b.ts[i] = tsNanos;
        MemorySegment.copy(src, ValueLayout.JAVA_BYTE, 0, b.data, b.used, len);
        b.used += len;
        return true;
    }

    /** Capture thread: hands the batch being filled to the analysis (on a timeout, or when full). */
    void flush() {
        Batch b = filling;
        if (b != null && b.count > 0) {
            full.offer(b); // never full: there are only as many batches as places
            filling = null;
        }
    }

    /** Analysis thread: the next full batch, or null after the timeout. */
    Batch take(long millis) throws InterruptedException {
        return full.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Analysis thread: gives a consumed batch back. */
    void release(Batch b) {
        b.count = 0;
        b.used = 0;
        free.offer(b);
    }

    long dropped() {
        return dropped;
    }

    /** Packets waiting (approximately), in batches. */
    int queuedBatches() {
        return full.size();
    }

    int capacity() {
        return capacity;
    }
}
