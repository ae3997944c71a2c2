package dev.vigil.engine.stream;

/**
 * Reuses the byte buffers that hold a stream's unconsumed bytes: sizes are powers of two from a
 * minimum up to a maximum (the largest class is the maximum itself), and each class keeps at most
 * {@link #PER_CLASS} free buffers, so the pool never holds more than a few megabytes. Without it,
 * every TLS handshake or HTTP head split over segments allocated and dropped a buffer. Not
 * thread-safe: one reassembler owns it.
 */
final class BufferPool {

    static final int PER_CLASS = 32;

    private final int min;
    private final int max;
    private final byte[][][] free;
    private final int[] count;

    BufferPool(int min, int max) {
        this.min = Math.min(min, max);
        this.max = max;
        int classes = 1;
        for (long size = this.min; size < max; size <<= 1) {
            classes++;
        }
        free = new byte[classes][PER_CLASS][];
        count = new int[classes];
    }

    /** The size a request of {@code need} bytes gets: the next power of two from min, capped at max. */
    int sizeFor(int need) {
        if (need >= max) {
            return max;
        }
        int size = Math.max(min, Integer.highestOneBit(Math.max(1, need - 1)) << 1);
        return Math.min(size, max);
    }

    private int classOf(int size) {
        if (size >= max) {
            return free.length - 1;
        }
        return Integer.numberOfTrailingZeros(size) - Integer.numberOfTrailingZeros(min);
    }

    /** A buffer of at least {@code need} bytes (at most max); its contents are undefined. */
    byte[] take(int need) {
        int size = sizeFor(need);
        int c = classOf(size);
        if (count[c] > 0) {
            byte[] b = free[c][--count[c]];
            free[c][count[c]] = null;
            return b;
        }
        return new byte[size];
    }

    /** Returns a buffer this pool handed out (null and foreign sizes are ignored). */
    void give(byte[] b) {
        if (b == null || b.length != sizeFor(b.length)) {
            return;
        }
        int c = classOf(b.length);
        if (count[c] < PER_CLASS) {
            free[c][count[c]++] = b;
        }
    }
}
