package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Ip;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which VLAN a switch or access point puts a device on (the {@code vlan} statements of the policy
 * file, docs/policy.md): a trust tier's VLAN first, so a quarantined device goes to the quarantine
 * VLAN whatever its zone; else the VLAN of the first zone, in file order, that holds the device;
 * else the default, which is also what a MAC the inventory does not know gets. Without a default an
 * unknown or unplaced device is refused. RADIUS returns the result as the tunnel attributes of
 * RFC 3580 section 3.31.
 *
 * @param zones VLAN by zone name, in file order
 * @param tiers VLAN by trust tier (trusted, restricted, quarantined)
 * @param fallback the default VLAN, or null to refuse what no other statement places
 */
public record VlanPlan(Map<String, Integer> zones, Map<String, Integer> tiers, Integer fallback) {

    /** IEEE 802.1Q: VLAN ids 0 and 4095 are reserved, the rest of the 12-bit field is usable. */
    public static final int MIN_VLAN = 1;
    public static final int MAX_VLAN = 4094;

    /** The trust tiers a {@code vlan tier:} statement may name. */
    public static final List<String> TIERS = List.of("quarantined", "restricted", "trusted");

    public static final VlanPlan NONE = new VlanPlan(Map.of(), Map.of(), null);

    public VlanPlan {
        zones = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(zones));
        tiers = Map.copyOf(tiers);
        for (int v : zones.values()) {
            check(v);
        }
        for (int v : tiers.values()) {
            check(v);
        }
        if (fallback != null) {
            check(fallback);
        }
    }

    public boolean isEmpty() {
        return zones.isEmpty() && tiers.isEmpty() && fallback == null;
    }

    /**
     * A device's VLAN and why.
     *
     * @param vlan the VLAN id
     * @param reason "tier quarantined", "zone cameras", "default" or "default (not in the inventory)"
     */
    public record Assignment(int vlan, String reason) {
    }

    /**
     * Where a device goes.
     *
     * @param policy the policy whose zones the plan names
     * @param s the device, or null when the inventory does not know the MAC
     * @return the assignment, or null when the device is to be refused
     */
    public Assignment assign(Policy policy, Subject s) {
        if (s == null) {
            return fallback == null ? null : new Assignment(fallback, "default (not in the inventory)");
        }
        if (s.tier() != null && tiers.containsKey(s.tier())) {
            return new Assignment(tiers.get(s.tier()), "tier " + s.tier());
        }
        Ip address = s.addresses().isEmpty() ? null : s.addresses().getFirst();
        for (Zone z : policy.zones().values()) {
            Integer v = zones.get(z.name());
            if (v != null && z.contains(s, address)) {
                return new Assignment(v, "zone " + z.name());
            }
        }
        return fallback == null ? null : new Assignment(fallback, "default");
    }

    /** The statements that write this plan back, in the file's order. */
    List<String> lines() {
        List<String> out = new java.util.ArrayList<>();
        for (String t : TIERS) {
            if (tiers.containsKey(t)) {
                out.add("vlan tier:" + t + " " + tiers.get(t));
            }
        }
        zones.forEach((z, v) -> out.add("vlan " + z + " " + v));
        if (fallback != null) {
            out.add("vlan default " + fallback);
        }
        return out;
    }

    private static void check(int v) {
        if (v < MIN_VLAN || v > MAX_VLAN) {
            throw new IllegalArgumentException("VLAN " + v + " is outside " + MIN_VLAN + ".." + MAX_VLAN + " (IEEE 802.1Q)");
        }
    }
}
