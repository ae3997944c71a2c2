package dev.vigil.detect.behavior;

import dev.vigil.engine.net.Ip;
import java.util.Comparator;

/**
 * A compact map key of up to two addresses and two numbers (source and port, client and server and
 * transport): no string is built per flow, and keys sort in address order for stable output.
 */
record Key(Ip a, Ip b, int x, int y) implements Comparable<Key>, java.io.Serializable {

    private static final Comparator<Ip> IPS = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<Key> ORDER = Comparator.comparing(Key::a, IPS).thenComparing(Key::b, IPS)
            .thenComparingInt(Key::x).thenComparingInt(Key::y);

    /** Written out, the same as a record's own (see {@link Ip#equals}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && k.x == x && k.y == y && java.util.Objects.equals(k.a, a) && java.util.Objects.equals(k.b, b);
    }

    @Override
    public int hashCode() {
        return ((java.util.Objects.hashCode(a) * 31 + java.util.Objects.hashCode(b)) * 31 + x) * 31 + y;
    }

    @Override
    public int compareTo(Key o) {
        return ORDER.compare(this, o);
    }
}
