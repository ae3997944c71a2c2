package dev.vigil.detect.behavior;

/**
 * A learning detector whose memory is bounded by {@link MemoryBudget}: the maps that grow with what it
 * sees, each entry of which can be forgotten on its own (the detector reads on without it; a key that
 * comes back starts afresh).
 */
public interface Bounded {

    /** The maps that grow with traffic, the ones a budget may age out and shed. */
    java.util.List<Keyed<?, ?>> kept();

    /**
     * After each pass of the budget: drops what else it keeps that belongs to keys no longer kept, or
     * that is older than {@code cutNanos} (lists, side maps), and recounts what it counts of its keys.
     */
    default void pruned(long cutNanos) {
    }
}
