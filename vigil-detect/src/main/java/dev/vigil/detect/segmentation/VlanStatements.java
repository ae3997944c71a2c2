package dev.vigil.detect.segmentation;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The {@code vlan} statements of a policy file as they are read ({@code vlan ZONE ID},
 * {@code vlan tier:TIER ID}, {@code vlan default ID}); zones may be defined after the statement that
 * names them, so names are checked once the whole file is read.
 */
final class VlanStatements {

    private final Map<String, Integer> zones = new LinkedHashMap<>();
    private final Map<String, Integer> zoneLines = new HashMap<>();
    private final Map<String, Integer> tiers = new HashMap<>();
    private Integer fallback;
    private final Map<String, Integer> seen = new HashMap<>();

    void add(List<String> t, int line) {
        if (t.size() != 3) {
            throw new IllegalArgumentException("expected: vlan ZONE|tier:TIER|default VLAN-ID");
        }
        String what = t.get(1);
        Integer before = seen.putIfAbsent(what, line);
        if (before != null) {
            throw new IllegalArgumentException("a VLAN for '" + what + "' is already given on line " + before);
        }
        int id = vlan(t.get(2));
        if (what.equals("default")) {
            fallback = id;
        } else if (what.startsWith("tier:")) {
            String tier = what.substring(5);
            if (!VlanPlan.TIERS.contains(tier)) {
                throw new IllegalArgumentException("unknown trust tier '" + tier + "' (" + String.join(", ", VlanPlan.TIERS) + ")");
            }
            tiers.put(tier, id);
        } else {
            zones.put(what, id);
            zoneLines.put(what, line);
        }
    }

    /** The plan, once every zone name is known to be defined. */
    VlanPlan plan(Set<String> defined, BiFunction<Integer, String, PolicyException> fail) throws PolicyException {
        for (Map.Entry<String, Integer> z : zoneLines.entrySet()) {
            if (!defined.contains(z.getKey())) {
                throw fail.apply(z.getValue(), "unknown zone '" + z.getKey() + "' in a vlan statement"
                        + (defined.isEmpty() ? " (no zone is defined)" : " (zones: " + String.join(", ", defined) + ")"));
            }
        }
        return new VlanPlan(zones, tiers, fallback);
    }

    private static int vlan(String s) {
        int v;
        try {
            v = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a VLAN id");
        }
        if (v < VlanPlan.MIN_VLAN || v > VlanPlan.MAX_VLAN) {
            throw new IllegalArgumentException("VLAN " + v + " is outside " + VlanPlan.MIN_VLAN + ".." + VlanPlan.MAX_VLAN
                    + " (IEEE 802.1Q reserves 0 and 4095)");
        }
        return v;
    }
}
