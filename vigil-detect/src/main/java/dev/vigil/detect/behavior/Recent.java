package dev.vigil.detect.behavior;

/** A value of a learning detector's map that notes when it last saw something ({@link Keyed.Kept}). */
abstract class Recent implements Keyed.Kept, java.io.Serializable {

    private long last = Long.MIN_VALUE;

    @Override
    public final long lastNanos() {
        return last;
    }

    /** Notes an observation at packet time {@code t}. */
    final void seen(long t) {
        last = Math.max(last, t);
    }
}
