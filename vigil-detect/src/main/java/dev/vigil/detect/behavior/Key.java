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

    @Override
    public int compareTo(Key o) {
        return ORDER.compare(this, o);
    }
}
