package dev.vigil.server.api.devices;

import dev.vigil.store.devices.DeviceFacetValues;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * Values the inventory's filters can take and how many devices have each, most common first: what
 * the dashboard's filters offer. Every type the classifier gives is listed, with none too.
 */
record DeviceFacets(List<Count> types, List<Count> vendors, List<Count> locations, List<Count> zones, List<Count> tags,
        List<Count> owners, List<String> tiers, List<String> riskLevels, List<String> criticality) {

    record Count(String value, long devices) {
    }

    static DeviceFacets of(DeviceFacetValues v, SortedSet<String> types) {
        Map<String, Long> byType = new TreeMap<>();
        types.forEach(t -> byType.put(t, 0L));
        byType.putAll(v.types());
        List<Count> typeCounts = new ArrayList<>();
        byType.forEach((k, n) -> typeCounts.add(new Count(k, n)));
        return new DeviceFacets(typeCounts, caseless(v.vendors()), caseless(v.locations()), caseless(v.zones()), caseless(v.tags()),
                caseless(v.owners()), DeviceParams.TIERS, DeviceParams.RISK_LEVELS, DeviceParams.CRITICALITY);
    }

    /** One entry per value whatever its case, spelt as most devices spell it, most devices first. */
    private static List<Count> caseless(Collection<String> values) {
        Map<String, Map<String, Long>> spellings = new TreeMap<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                spellings.computeIfAbsent(v.toLowerCase(Locale.ROOT), k -> new TreeMap<>()).merge(v, 1L, Long::sum);
            }
        }
        List<Count> out = new ArrayList<>();
        spellings.forEach((k, sp) -> {
            long n = sp.values().stream().mapToLong(Long::longValue).sum();
            String shown = sp.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            out.add(new Count(shown, n));
        });
        out.sort(Comparator.comparingLong(Count::devices).reversed());
        return out;
    }
}
