package dev.vigil.server.ingest;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * Whether the heap is so full after collection that a source's behavioural detection should shed
 * half of what it remembers. Only the old generation counts: the young pools (eden, survivor) are
 * full of what the next collection frees, and a survivor space over 70 % after a young collection
 * says nothing about what is kept. A pool's reading only changes with its next collection, so one
 * reading counts once: a source that already shed on it does not again.
 */
final class HeapPressure {

    /** Share of the old generation that, still in use after its last collection, makes detection shed. */
    static final double SHARE = 0.7;

    /** The reading that last answered true. */
    private long last = -1;

    /** True once for each new reading of a heap pool over {@link #SHARE} of its maximum after collection. */
    boolean fresh() {
        long heap = reading();
        if (heap < 0 || heap == last) {
            return false;
        }
        last = heap;
        return true;
    }

    /** The bytes a heap pool still held after its last collection when that is over the share, else -1. */
    private static long reading() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = p.getType() == MemoryType.HEAP && !young(p.getName()) ? p.getCollectionUsage() : null;
            if (u != null && u.getMax() > 0 && u.getUsed() > SHARE * u.getMax()) {
                return u.getUsed();
            }
        }
        return -1;
    }

    /** Eden and survivor spaces (Serial, Parallel, G1), the young generation (ZGC, Shenandoah). */
    static boolean young(String pool) {
        return pool.contains("Eden") || pool.contains("Survivor") || pool.contains("Young");
    }
}
