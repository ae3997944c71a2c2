package dev.vigil.detect.inventory;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The inventory and the talk map at one time, without counters: each device's identity (addresses,
 * MAC, name, vendor, type, model, firmware, OS), its zone and trust tier, and who talks to whom over
 * what. Two snapshots give a {@link Diff}: devices that came, went or changed (each changed field
 * with its value before and after) and links that came or went. Pure.
 *
 * @param at the packet time it was taken at (ISO-8601)
 * @param reason hourly, new device or new link
 */
public record InventorySnapshot(@JsonProperty("v") int version, @JsonProperty("at") String at,
        @JsonProperty("reason") String reason, @JsonProperty("devices") List<DeviceState> devices,
        @JsonProperty("links") List<Link> links) {

    public static final int VERSION = 1;

    /** A device as the snapshot keeps it: identity, not counters. */
    public record DeviceState(@JsonProperty("id") String id, @JsonProperty("ips") List<String> ips,
            @JsonProperty("mac") String mac, @JsonProperty("name") String name, @JsonProperty("vendor") String vendor,
            @JsonProperty("type") String type, @JsonProperty("model") String model, @JsonProperty("firmware") String firmware,
            @JsonProperty("os") String os, @JsonProperty("zone") String zone, @JsonProperty("tier") String tier) {

        /** A device's state from what the store knows of it. */
        public static DeviceState of(Device d, String zone, String tier) {
            List<String> ips = new ArrayList<>(new TreeSet<>(d.ips().stream().map(Device.Address::ip).toList()));
            return new DeviceState(d.id(), ips, d.mac(), d.hostnames() == null || d.hostnames().isEmpty() ? null : d.hostnames().get(0),
                    d.vendor(), d.type(), d.model(), d.firmware(), d.os(), zone, tier);
        }

        /** Field name → value, in a fixed order, for comparing. */
        Map<String, String> fields() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("ips", String.join(",", ips));
            m.put("mac", mac);
            m.put("name", name);
            m.put("vendor", vendor);
            m.put("type", type);
            m.put("model", model);
            m.put("firmware", firmware);
            m.put("os", os);
            m.put("zone", zone);
            m.put("tier", tier);
            return m;
        }
    }

    /** Who talks to whom over what. */
    public record Link(@JsonProperty("src") String src, @JsonProperty("dst") String dst, @JsonProperty("service") String service)
            implements Comparable<Link> {

        @Override
        public int compareTo(Link o) {
            int c = src.compareTo(o.src);
            if (c == 0) {
                c = dst.compareTo(o.dst);
            }
            return c != 0 ? c : service.compareTo(o.service);
        }
    }

    /** One field of a device that differs. */
    public record Change(@JsonProperty("field") String field, @JsonProperty("before") String before,
            @JsonProperty("after") String after) {
    }

    /** A device that changed, with its fields that differ. */
    public record Changed(@JsonProperty("id") String id, @JsonProperty("changes") List<Change> changes) {
    }

    /** What changed between two snapshots. */
    public record Diff(@JsonProperty("from") String from, @JsonProperty("to") String to,
            @JsonProperty("added") List<DeviceState> added, @JsonProperty("removed") List<DeviceState> removed,
            @JsonProperty("changed") List<Changed> changed, @JsonProperty("links_added") List<Link> linksAdded,
            @JsonProperty("links_removed") List<Link> linksRemoved) {

        public boolean empty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && linksAdded.isEmpty() && linksRemoved.isEmpty();
        }
    }

    /** True when the two hold the same devices and links (times and reasons aside). */
    public boolean sameAs(InventorySnapshot o) {
        return o != null && devices.equals(o.devices) && links.equals(o.links);
    }

    /** What changed from {@code this} (earlier) to {@code later}. */
    public Diff diff(InventorySnapshot later) {
        Map<String, DeviceState> before = byId(devices);
        Map<String, DeviceState> after = byId(later.devices);
        List<DeviceState> added = new ArrayList<>();
        List<DeviceState> removed = new ArrayList<>();
        List<Changed> changed = new ArrayList<>();
        for (DeviceState d : after.values()) {
            DeviceState b = before.get(d.id());
            if (b == null) {
                added.add(d);
                continue;
            }
            List<Change> cs = new ArrayList<>();
            Map<String, String> bf = b.fields();
            d.fields().forEach((k, v) -> {
                if (!Objects.equals(bf.get(k), v)) {
                    cs.add(new Change(k, bf.get(k), v));
                }
            });
            if (!cs.isEmpty()) {
                changed.add(new Changed(d.id(), cs));
            }
        }
        for (DeviceState d : before.values()) {
            if (!after.containsKey(d.id())) {
                removed.add(d);
            }
        }
        TreeSet<Link> la = new TreeSet<>(later.links);
        la.removeAll(links);
        TreeSet<Link> lr = new TreeSet<>(links);
        lr.removeAll(later.links);
        return new Diff(at, later.at, added, removed, changed, List.copyOf(la), List.copyOf(lr));
    }

    private static Map<String, DeviceState> byId(List<DeviceState> ds) {
        Map<String, DeviceState> m = new TreeMap<>();
        ds.forEach(d -> m.put(d.id(), d));
        return m;
    }
}
