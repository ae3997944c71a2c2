package dev.vigil.detect.inventory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What changed in a device between what was known of it and what a window added: first seen, a new
 * address, or a name, type, vendor, model, firmware or OS that differs. Counters (packets, bytes,
 * last seen) are no change. Pure: the device's timeline is made of these.
 */
public final class DeviceChanges {

    /**
     * One change.
     *
     * @param at when the traffic showed it (ISO-8601 packet time)
     * @param kind seen, address, name, type, vendor, model, firmware or os
     * @param value what it is now
     * @param previous what it was (null for first seen and a new address)
     */
    public record Change(String at, String kind, String value, String previous) {
    }

    private DeviceChanges() {
    }

    /** The changes from {@code before} (null: the device is new) to {@code after}, in a stable order. */
    public static List<Change> between(Device before, Device after) {
        List<Change> out = new ArrayList<>();
        String at = after.firstSeen() != null ? after.firstSeen() : after.lastSeen();
        if (before == null) {
            out.add(new Change(at, "seen", after.mainAddress() != null ? after.mainAddress() : after.mac(), null));
        }
        Set<String> known = new HashSet<>();
        if (before != null) {
            before.ips().forEach(a -> known.add(a.ip()));
        }
        for (Device.Address a : after.ips()) {
            if (!known.contains(a.ip())) {
                out.add(new Change(a.firstSeen() != null ? a.firstSeen() : at, "address", a.ip(), null));
            }
        }
        String seenAt = before == null ? at : after.lastSeen() != null ? after.lastSeen() : at;
        field(out, seenAt, "name", before == null ? null : first(before.hostnames()), first(after.hostnames()));
        field(out, seenAt, "type", before == null ? null : known(before.type()), known(after.type()));
        field(out, seenAt, "vendor", before == null ? null : before.vendor(), after.vendor());
        field(out, seenAt, "model", before == null ? null : before.model(), after.model());
        field(out, seenAt, "firmware", before == null ? null : before.firmware(), after.firmware());
        field(out, seenAt, "os", before == null ? null : before.os(), after.os());
        return out;
    }

    private static void field(List<Change> out, String at, String kind, String before, String after) {
        if (after != null && !after.isBlank() && !Objects.equals(before, after)) {
            out.add(new Change(at, kind, after, before));
        }
    }

    private static String first(List<String> names) {
        return names == null || names.isEmpty() ? null : names.get(0);
    }

    private static String known(String type) {
        return type == null || "unknown".equals(type) ? null : type;
    }
}
