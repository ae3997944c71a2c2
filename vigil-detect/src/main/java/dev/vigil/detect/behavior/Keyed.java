package dev.vigil.detect.behavior;

import dev.vigil.engine.net.Ip;

/**
 * A learning detector's map whose entries {@link MemoryBudget} can age out and shed: a plain
 * {@link java.util.HashMap} (the same iteration, so the same output) whose values say when they last
 * took an observation and about how many bytes they hold, and whose keys name the device they are
 * about (the first address of a {@link Key}, the address or station of a single key, the client of a
 * {@code client|server|port} text key), the one their bytes count against.
 */
public final class Keyed<K, V extends Keyed.Kept> extends java.util.HashMap<K, V> {

    @java.io.Serial
    private static final long serialVersionUID = 1L;

    /** What a map entry costs besides its value: the entry, its key and the table slot (compressed oops). */
    static final long ENTRY_BYTES = 96;

    /** A value of a learning detector's map. */
    public interface Kept {

        /** Packet time (epoch nanoseconds) it last took an observation; {@link Long#MIN_VALUE} if never. */
        long lastNanos();

        /** About how many bytes of heap it holds. */
        long bytes();

        /**
         * Lets go of the older half of the observations it keeps, keeping its counts (the budget does
         * this to the devices holding the most before it sheds keys); false when there was nothing to
         * let go of (the default).
         */
        default boolean trim() {
            return false;
        }
    }

    /** A key that names the device it is about itself (one that is no {@link Key}, address or text). */
    interface Owned {
        Object owner();
    }

    /** The device a key is about: an {@link Ip}, a station's MAC bits (a {@link Long}), or null. */
    static Object owner(Object key) {
        return switch (key) {
            case Key k -> k.a() != null ? k.a() : k.b();
            case String s -> {
                int bar = s.indexOf('|');
                String first = bar < 0 ? s : s.substring(0, bar);
                try {
                    yield Ip.parse(first);
                } catch (IllegalArgumentException e) {
                    yield first;
                }
            }
            case Owned o -> o.owner();
            case null -> null;
            default -> key;
        };
    }
}
