package dev.vigil.server.ingest;

import dev.vigil.detect.inventory.Device;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Folds what a new window says about a device into what the store knows: addresses, names, services
 * and domains accumulate; the classification of the window with the stronger evidence wins (so one
 * quiet window does not erase a confident answer); first and last sight widen.
 */
final class DeviceMerger {

    private DeviceMerger() {
    }

    static Device merge(Device old, Device nu) {
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
            ips.put(a.ip(), o == null ? a : new Device.Address(a.ip(), o.how(), Times.min(o.firstSeen(), a.firstSeen()),
                    Times.max(o.lastSeen(), a.lastSeen())));
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
                union(old.vlans(), nu.vlans(), 20), Times.min(old.firstSeen(), nu.firstSeen()), Times.max(old.lastSeen(), nu.lastSeen()));
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

}
