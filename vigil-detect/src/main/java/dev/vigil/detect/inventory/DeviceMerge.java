package dev.vigil.detect.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Device identity across windows, decided here and nowhere else: what a new window says about a
 * device folds into what is known of it. Addresses, names, services and domains accumulate; the
 * classification of the window with the stronger evidence wins (so one quiet window does not erase
 * a confident answer); first and last sight widen. A device is the same device when the inventory
 * gave it the same id (its MAC where layer 2 is visible, else its address). Pure.
 */
public final class DeviceMerge {

    private DeviceMerge() {
    }

    /** The known devices (by id) with a window's devices folded in: the window's devices, merged, in its order. */
    public static List<Device> merge(Map<String, Device> known, List<Device> window) {
        List<Device> out = new ArrayList<>(window.size());
        for (Device d : window) {
            out.add(merge(known.get(d.id()), d));
        }
        return out;
    }

    /**
     * One device as the store knows it ({@code old}, null when new) with what a window saw of it
     * ({@code nu}).
     */
    public static Device merge(Device old, Device nu) {
        if (old == null) {
            return nu;
        }
        Device best = nu.confidence() >= old.confidence() ? nu : old;
        Map<String, Device.Address> ips = new LinkedHashMap<>();
        for (Device.Address a : old.ips()) {
            ips.put(a.ip(), a);
        }
        for (Device.Address a : nu.ips()) {
            Device.Address o = ips.get(a.ip());
            ips.put(a.ip(), o == null ? a : new Device.Address(a.ip(), o.how(), min(o.firstSeen(), a.firstSeen()),
                    max(o.lastSeen(), a.lastSeen())));
        }
        Map<String, Device.ServiceOffered> offered = new LinkedHashMap<>();
        for (Device.ServiceOffered s : concat(old.servicesOffered(), nu.servicesOffered())) {
            String k = s.transport() + "/" + s.port();
            Device.ServiceOffered o = offered.get(k);
            offered.put(k, o == null ? s : new Device.ServiceOffered(s.transport(), s.port(),
                    s.service() != null ? s.service() : o.service(), o.flows() + s.flows(), o.answered() + s.answered(),
                    Math.max(o.clients(), s.clients())));
        }
        Map<String, Long> used = new LinkedHashMap<>();
        for (Device.ServiceUsed s : concat(old.servicesUsed(), nu.servicesUsed())) {
            used.merge(s.service(), s.flows(), Long::sum);
        }
        Device.Traffic t = new Device.Traffic(old.traffic().flowsOut() + nu.traffic().flowsOut(),
                old.traffic().flowsIn() + nu.traffic().flowsIn(), old.traffic().packetsOut() + nu.traffic().packetsOut(),
                old.traffic().packetsIn() + nu.traffic().packetsIn(), old.traffic().bytesOut() + nu.traffic().bytesOut(),
                old.traffic().bytesIn() + nu.traffic().bytesIn(),
                Math.max(old.traffic().internalPeers(), nu.traffic().internalPeers()),
                Math.max(old.traffic().externalPeers(), nu.traffic().externalPeers()));
        Device.Identity id = new Device.Identity(
                nu.identity().dhcpFingerprint() != null ? nu.identity().dhcpFingerprint() : old.identity().dhcpFingerprint(),
                nu.identity().dhcpVendorClass() != null ? nu.identity().dhcpVendorClass() : old.identity().dhcpVendorClass(),
                union(old.identity().ja3(), nu.identity().ja3(), 20), union(old.identity().ja4(), nu.identity().ja4(), 20),
                union(old.identity().userAgents(), nu.identity().userAgents(), 20),
                union(old.identity().ssh(), nu.identity().ssh(), 10));
        return new Device(best.id(), best.mac() != null ? best.mac() : old.mac(), best.macRandomized(),
                new ArrayList<>(ips.values()), best.vendor() != null ? best.vendor() : old.vendor(),
                union(best.hostnames(), best == nu ? old.hostnames() : nu.hostnames(), 20), best.type(),
                best.model() != null ? best.model() : other(best, old, nu).model(),
                nu.firmware() != null ? nu.firmware() : old.firmware(), best.os() != null ? best.os() : other(best, old, nu).os(),
                best.confidence(), best.attributes(), best.evidence(), best.role() != null ? best.role() : old.role(),
                new ArrayList<>(offered.values()),
                used.entrySet().stream().map(e -> new Device.ServiceUsed(e.getKey(), e.getValue())).toList(), id,
                union(old.domains(), nu.domains(), 50), t, nu.mudUrl() != null ? nu.mudUrl() : old.mudUrl(),
                union(old.vlans(), nu.vlans(), 20), min(old.firstSeen(), nu.firstSeen()), max(old.lastSeen(), nu.lastSeen()));
    }

    private static Device other(Device best, Device a, Device b) {
        return best == a ? b : a;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static <T> List<T> union(List<T> a, List<T> b, int max) {
        LinkedHashSet<T> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return s.stream().limit(max).toList();
    }

    private static String min(String a, String b) {
        return a == null ? b : b == null ? a : Instant.parse(a).compareTo(Instant.parse(b)) <= 0 ? a : b;
    }

    private static String max(String a, String b) {
        return a == null ? b : b == null ? a : Instant.parse(a).compareTo(Instant.parse(b)) >= 0 ? a : b;
    }
}
