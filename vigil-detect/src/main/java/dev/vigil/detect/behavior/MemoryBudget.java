package dev.vigil.detect.behavior;

import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bounds what behavioural detection remembers, key by key, never wholesale. Each learning detector's
 * growing maps are {@link Keyed}: every entry knows when it last took an observation, about how many
 * bytes it holds and which device it is about. At each pass (the service runs one each hour of packet
 * time and when the heap is short):
 * <ol>
 * <li>entries idle since before the retention cut are forgotten (a key that returns starts afresh);</li>
 * <li>the rest is measured; the budget is the per-device budget times the devices the entries are
 * about (addresses of the network, stations), at least the floor and at most the ceiling (a share of
 * the heap), so it is sized by devices, not by traffic;</li>
 * <li>over the budget (or when the heap is short and the caller squeezes), the keys of the devices
 * holding more than their share of the target (90 % of the budget, so this does not run at every
 * window) let go of the older half of the observations they keep, still counting them (a scan's
 * attempts, a guesser's failures, a beacon's first time); after three such rounds every key does;</li>
 * <li>still over, entries are kept newest first while their device stays within its share and the
 * total within the target: the least recently active keys of the devices holding the most go first,
 * and every device keeps its newest key while the total allows.</li>
 * </ol>
 * A detector reads on without what was shed: a slow scan or a beacon whose keys were shed is counted
 * again from its next observation. What was forgotten, trimmed and shed is counted for the operator.
 */
public final class MemoryBudget {

    /** Share of the budget kept when shedding. */
    static final double TARGET = 0.9;

    /**
     * @param perDeviceBytes what each device's keys may hold together before the budget binds
     * @param minBytes the budget however few devices there are
     * @param maxBytes the budget however many devices there are (a share of the heap)
     */
    public record Limits(long perDeviceBytes, long minBytes, long maxBytes) {

        /** The {@code serve.memory.*} settings, the ceiling their share of {@code maxHeap}. */
        public static Limits of(DetectionConfig c, long maxHeap) {
            long min = c.integer("serve.memory.min_bytes");
            return new Limits(c.integer("serve.memory.device_bytes"), min,
                    Math.max(min, (long) (maxHeap * c.number("serve.memory.heap_share"))));
        }
    }

    /**
     * What a pass found and did.
     *
     * @param bytes about how many bytes the kept entries hold after it
     * @param budget the budget it applied (after any squeeze)
     * @param devices devices the entries are about (at least 1; 0 when within the floor: not counted)
     * @param keys entries kept
     * @param forgotten entries forgotten as idle past the retention cut
     * @param trimmed entries that let go of the older half of their observations (once per round)
     * @param shed entries shed over the budget
     */
    public record Use(long bytes, long budget, int devices, long keys, long forgotten, long trimmed, long shed) {
    }

    private MemoryBudget() {
    }

    /**
     * One pass over the detectors' kept maps.
     *
     * @param detectors the learning detectors (those that are not {@link Bounded} are skipped)
     * @param locality which addresses are the network's
     * @param cutNanos entries last active before this packet time are forgotten (Long.MIN_VALUE: none)
     * @param squeeze 1 normally; below 1 when the heap is short: the budget is at most this share of what
     *        is held now
     */
    public static Use fit(List<?> detectors, Locality locality, long cutNanos, Limits limits, double squeeze) {
        List<Keyed<?, ?>> maps = new ArrayList<>();
        for (Object d : detectors) {
            if (d instanceof Bounded b) {
                maps.addAll(b.kept());
            }
        }
        Use u = pass(maps, locality, cutNanos, limits, squeeze);
        for (Object d : detectors) {
            if (d instanceof Bounded b) {
                b.pruned(cutNanos);
            }
        }
        return u;
    }

    private static Use pass(List<Keyed<?, ?>> maps, Locality locality, long cutNanos, Limits limits, double squeeze) {
        long forgotten = 0;
        long bytes = 0;
        long keys = 0;
        for (Keyed<?, ?> m : maps) {
            for (Iterator<? extends Keyed.Kept> it = m.values().iterator(); it.hasNext();) {
                Keyed.Kept v = it.next();
                if (v.lastNanos() < cutNanos) {
                    it.remove();
                    forgotten++;
                } else {
                    bytes += Keyed.ENTRY_BYTES + v.bytes();
                    keys++;
                }
            }
        }
        long squeezed = squeeze < 1 ? (long) (bytes * squeeze) : Long.MAX_VALUE;
        if (bytes <= limits.minBytes() && bytes <= squeezed) {
            // within the floor: no need to count the devices
            return new Use(bytes, limits.minBytes(), 0, keys, forgotten, 0, 0);
        }
        int devices = devices(maps, locality);
        // devices times bytes per device: an int times a setting, far from overflowing a long
        long sized = Math.min(limits.maxBytes(), devices * limits.perDeviceBytes());
        long budget = Math.min(squeezed, Math.max(limits.minBytes(), sized));
        if (bytes <= budget) {
            return new Use(bytes, budget, devices, keys, forgotten, 0, 0);
        }
        return shed(maps, budget, devices, forgotten);
    }

    private static int devices(List<Keyed<?, ?>> maps, Locality locality) {
        Set<Object> seen = new HashSet<>();
        for (Keyed<?, ?> m : maps) {
            for (Object k : m.keySet()) {
                Object o = Keyed.owner(k);
                if (o instanceof Long || o instanceof Ip ip && locality.likelyLocal(ip)) {
                    seen.add(o);
                }
            }
        }
        return Math.max(1, seen.size());
    }

    /** Trims the devices over their share, then keeps entries newest first within it and the target. */
    private static Use shed(List<Keyed<?, ?>> maps, long budget, int devices, long forgotten) {
        long target = (long) (budget * TARGET);
        long share = Math.max(1, target / Math.max(1, devices));
        long trimmed = 0;
        for (int round = 0; round < 6; round++) {
            Map<Object, long[]> held = new HashMap<>();
            long total = 0;
            for (Keyed<?, ?> m : maps) {
                for (Map.Entry<?, ? extends Keyed.Kept> e : m.entrySet()) {
                    long b = Keyed.ENTRY_BYTES + e.getValue().bytes();
                    held.computeIfAbsent(Keyed.owner(e.getKey()), o -> new long[1])[0] += b;
                    total += b;
                }
            }
            if (total <= target) {
                return new Use(total, budget, devices, count(maps), forgotten, trimmed, 0);
            }
            for (Keyed<?, ?> m : maps) {
                for (Map.Entry<?, ? extends Keyed.Kept> e : m.entrySet()) {
                    if ((round >= 3 || held.get(Keyed.owner(e.getKey()))[0] > share) && e.getValue().trim()) {
                        trimmed++;
                    }
                }
            }
        }
        int n = (int) count(maps);
        Keyed<?, ?>[] map = new Keyed<?, ?>[n];
        Object[] key = new Object[n];
        long[] last = new long[n];
        long[] size = new long[n];
        int i = 0;
        for (Keyed<?, ?> m : maps) {
            for (Map.Entry<?, ? extends Keyed.Kept> e : m.entrySet()) {
                map[i] = m;
                key[i] = e.getKey();
                last[i] = e.getValue().lastNanos();
                size[i] = Keyed.ENTRY_BYTES + e.getValue().bytes();
                i++;
            }
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, x -> x);
        // newest first; equal times in a fixed order (map, then the key's hash), so a pass is repeatable
        Arrays.sort(order, (a, b) -> last[a] != last[b] ? Long.compare(last[b], last[a]) : Integer.compare(a, b));
        Map<Object, long[]> held = new HashMap<>();
        long kept = 0;
        long keys = 0;
        long shed = 0;
        for (Integer x : order) {
            long[] mine = held.computeIfAbsent(Keyed.owner(key[x]), o -> new long[1]);
            if ((mine[0] == 0 || mine[0] + size[x] <= share) && kept + size[x] <= target) {
                mine[0] += size[x];
                kept += size[x];
                keys++;
            } else {
                map[x].remove(key[x]);
                shed++;
            }
        }
        return new Use(kept, budget, devices, keys, forgotten, trimmed, shed);
    }

    private static long count(List<Keyed<?, ?>> maps) {
        long n = 0;
        for (Keyed<?, ?> m : maps) {
            n += m.size();
        }
        return n;
    }
}
