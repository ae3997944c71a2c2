package dev.vigil.server.ingest;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * Whether the heap is so full after collection that a source's behavioural detection should start
 * afresh. A pool's reading only changes with its next collection, so one reading counts once: a
 * source that already started afresh on it does not again.
 */
final class HeapPressure {

    /** Share of the heap that, still in use after the last collection, makes detection start afresh. */
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
            MemoryUsage u = p.getType() == MemoryType.HEAP ? p.getCollectionUsage() : null;
            if (u != null && u.getMax() > 0 && u.getUsed() > SHARE * u.getMax()) {
                return u.getUsed();
            }
        }
        return -1;
    }
}
