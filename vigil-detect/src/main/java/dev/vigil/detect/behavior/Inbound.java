package dev.vigil.detect.behavior;

import dev.vigil.engine.net.Ip;
import java.util.HashMap;
import java.util.Map;

/** Connections others started towards one address. */
final class Inbound implements Keyed.Kept, java.io.Serializable {
    final Map<Ip, Integer> sources = new HashMap<>();
    final Map<Integer, Integer> ports = new HashMap<>();
    final Series flows = new Series(500_000);
    long answered;
    long first = Long.MAX_VALUE;
    long last;
    long count;

    @Override
    public long lastNanos() {
        return last;
    }

    @Override
    public long bytes() {
        return 160 + sources.size() * 72L + ports.size() * 64L + flows.bytes();
    }

    @Override
    public boolean trim() {
        return flows.trim();
    }
}
