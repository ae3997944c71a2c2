package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which names an address stood for, and when: each answer binds its name to its address from the
 * moment it was seen until its TTL plus a margin has passed. A rule with a DNS name matches an
 * address only while a binding holds, so an address never resolved stays out.
 */
public final class DnsView {

    /** Bindings kept per address; past it the oldest is dropped (counted). */
    public static final int MAX_PER_ADDRESS = 64;

    /**
     * @param name the name
     * @param address the address
     * @param from first moment it holds (nanoseconds)
     * @param until first moment it no longer holds (nanoseconds)
     */
    public record Binding(String name, Ip address, long from, long until) {
    }

    private final long marginNanos;
    private final Map<Ip, List<Binding>> byAddress = new HashMap<>();
    private long dropped;

    public DnsView(long marginSeconds) {
        this.marginNanos = marginSeconds * 1_000_000_000L;
    }

    public static DnsView empty() {
        return new DnsView(0);
    }

    public void add(DnsAnswer a) {
        List<Binding> list = byAddress.computeIfAbsent(a.address(), k -> new ArrayList<>());
        long until = a.ts() + a.ttlSeconds() * 1_000_000_000L + marginNanos;
        for (int i = 0; i < list.size(); i++) {
            Binding b = list.get(i);
            if (b.name().equals(a.name()) && b.until() >= a.ts()) {
                // a refresh extends the binding it continues
                list.set(i, new Binding(b.name(), b.address(), b.from(), Math.max(b.until(), until)));
                return;
            }
        }
        if (list.size() >= MAX_PER_ADDRESS) {
            list.remove(0);
            dropped++;
        }
        list.add(new Binding(a.name(), a.address(), a.ts(), until));
    }

    public void addAll(List<DnsAnswer> answers) {
        answers.forEach(this::add);
    }

    /** The bindings of an address that hold at {@code at}. */
    public List<Binding> at(Ip address, long at) {
        List<Binding> list = byAddress.get(address);
        if (list == null) {
            return List.of();
        }
        List<Binding> out = new ArrayList<>(2);
        for (Binding b : list) {
            if (b.from() <= at && at < b.until()) {
                out.add(b);
            }
        }
        return out;
    }

    /** Every binding that holds at {@code at}, for compiling name rules into address sets. */
    public List<Binding> all(long at) {
        List<Binding> out = new ArrayList<>();
        for (List<Binding> list : byAddress.values()) {
            for (Binding b : list) {
                if (b.from() <= at && at < b.until()) {
                    out.add(b);
                }
            }
        }
        out.sort(java.util.Comparator.comparing(Binding::address).thenComparing(Binding::name));
        return out;
    }

    /** The moments a binding starts or lapses, sorted: between two of them, no name rule changes. */
    public long[] changes() {
        java.util.TreeSet<Long> t = new java.util.TreeSet<>();
        for (List<Binding> list : byAddress.values()) {
            for (Binding b : list) {
                t.add(b.from());
                t.add(b.until());
            }
        }
        return t.stream().mapToLong(Long::longValue).toArray();
    }

    /** Every binding ever seen for an address (for explaining an address in a MUD file). */
    public List<Binding> ever(Ip address) {
        return byAddress.getOrDefault(address, List.of());
    }

    public long dropped() {
        return dropped;
    }
}
