package dev.vigil.detect.inventory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Identifying strings observed for one subject (a MAC or an IP address), by source
 * ("dhcp.vendor_class", "dns.query", "http.user_agent"), each with the time it was first seen.
 * Bounded per source; merged into a device when ownership is resolved.
 */
final class Observations {

    private final Map<String, LinkedHashMap<String, long[]>> bySource = new TreeMap<>();

    /** Records an observation; returns false when the source's bound was reached. */
    boolean add(String source, String observed, long ts, int limit) {
        if (observed == null) {
            return false;
        }
        String v = observed.trim();
        if (v.isEmpty()) {
            return false;
        }
        if (v.length() > 300) {
            v = v.substring(0, 300);
        }
        LinkedHashMap<String, long[]> m = bySource.computeIfAbsent(source, k -> new LinkedHashMap<>());
        long[] seen = m.get(v);
        if (seen != null) {
            seen[1]++;
            if (ts < seen[0]) {
                seen[0] = ts;
            }
            return true;
        }
        if (m.size() >= limit) {
            return false;
        }
        m.put(v, new long[] {ts, 1});
        return true;
    }

    Map<String, LinkedHashMap<String, long[]>> all() {
        return bySource;
    }

    Map<String, long[]> of(String source) {
        LinkedHashMap<String, long[]> m = bySource.get(source);
        return m == null ? Map.of() : m;
    }

    boolean isEmpty() {
        return bySource.isEmpty();
    }

    void mergeFrom(Observations o, int limit) {
        for (Map.Entry<String, LinkedHashMap<String, long[]>> e : o.bySource.entrySet()) {
            for (Map.Entry<String, long[]> v : e.getValue().entrySet()) {
                LinkedHashMap<String, long[]> m = bySource.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>());
                long[] seen = m.get(v.getKey());
                if (seen != null) {
                    seen[0] = Math.min(seen[0], v.getValue()[0]);
                    seen[1] += v.getValue()[1];
                } else if (m.size() < limit) {
                    m.put(v.getKey(), v.getValue().clone());
                }
            }
        }
    }
}
