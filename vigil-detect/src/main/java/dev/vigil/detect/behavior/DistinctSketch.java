package dev.vigil.detect.behavior;

/**
 * How many distinct values a stream held, in a fixed 1 KiB: a HyperLogLog (Flajolet, Fusy, Gandouet
 * and Meunier, 2007) of 1,024 registers, a standard error of about 3 %, with linear counting for small
 * counts (exact up to a few hundred). A {@link Series} starts one when it first lets go of observations,
 * so that its distinct targets still count what it no longer keeps.
 */
final class DistinctSketch implements java.io.Serializable {

    static final int P = 10;
    static final int M = 1 << P;
    static final long BYTES = M + 16;

    private final byte[] registers = new byte[M];

    void add(Object value) {
        long h = mix(value == null ? 0 : value.hashCode());
        int index = (int) (h >>> (64 - P));
        // the rank of the first one bit of what is left (the low bit set so that it ends)
        int rank = Long.numberOfLeadingZeros((h << P) | (1L << (P - 1))) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    long estimate() {
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += 1.0 / (1L << r);
            if (r == 0) {
                zeros++;
            }
        }
        double alpha = 0.7213 / (1 + 1.079 / M);
        double e = alpha * M * M / sum;
        if (e <= 2.5 * M && zeros > 0) {
            e = M * Math.log((double) M / zeros);
        }
        return Math.round(e);
    }

    /** MurmurHash3's 64-bit finaliser: spreads a 32-bit hash code over 64 bits. */
    static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
