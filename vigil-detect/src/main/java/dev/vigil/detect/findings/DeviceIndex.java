package dev.vigil.detect.findings;

import dev.vigil.detect.inventory.Device;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.net.Ip;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks devices up by address or MAC once the inventory is resolved; says which addresses are local.
 * An address binds to a device for the time the device used it: one address held by two devices one
 * after the other (a lease handed on, two captures years apart) names the device of the time asked.
 */
public final class DeviceIndex {

    /** A device's use of an address, from its first to its last use (epoch nanoseconds). */
    private record Binding(Device device, long from, long to) {
    }

    private final Map<String, List<Binding>> byIp = new HashMap<>();
    private final Map<String, Device> byMac = new HashMap<>();
    private final List<Device> devices;

    public DeviceIndex(List<Device> devices) {
        this.devices = devices;
        for (Device d : devices) {
            for (Device.Address a : d.ips()) {
                long from = a.firstSeen() == null ? Long.MIN_VALUE : EventJson.nanos(a.firstSeen());
                long to = a.lastSeen() == null ? Long.MAX_VALUE : EventJson.nanos(a.lastSeen());
                byIp.computeIfAbsent(a.ip(), k -> new ArrayList<>(1)).add(new Binding(d, from, to));
            }
            if (d.mac() != null) {
                byMac.put(d.mac(), d);
            }
        }
    }

    public List<Device> devices() {
        return devices;
    }

    /** The device an endpoint belongs to, whenever it was: see {@link #device(Endpoint, long)}. */
    public Device device(Endpoint e) {
        return device(e, Long.MAX_VALUE);
    }

    /**
     * The device an endpoint belonged to at {@code ts}: by address (the device with that address and
     * the endpoint's MAC, else the one that held the address then, else the one closest in time); by
     * MAC only for layer-2 evidence without an address.
     */
    public Device device(Endpoint e, long ts) {
        if (e == null) {
            return null;
        }
        if (e.ip() != null) {
            List<Binding> held = byIp.get(e.ip().toString());
            if (held == null) {
                return null;
            }
            if (held.size() > 1 && e.mac() != null) {
                for (Binding b : held) {
                    if (e.mac().toString().equals(b.device().mac())) {
                        return b.device();
                    }
                }
            }
            return at(held, ts);
        }
        return e.mac() == null ? null : byMac.get(e.mac().toString());
    }

    /** The device that last held an address. */
    public Device byIp(Ip ip) {
        return byIp(ip, Long.MAX_VALUE);
    }

    /** The device that held an address at {@code ts} (or closest to it), or null. */
    public Device byIp(Ip ip, long ts) {
        List<Binding> held = ip == null ? null : byIp.get(ip.toString());
        return held == null ? null : at(held, ts);
    }

    private static Device at(List<Binding> held, long ts) {
        if (held.size() == 1) {
            return held.get(0).device();
        }
        Binding best = null;
        long bestGap = Long.MAX_VALUE;
        for (Binding b : held) {
            long gap = ts < b.from() ? b.from() - ts : ts > b.to() ? ts - b.to() : 0;
            // equally close: the later holder (an address's latest use is its current one)
            if (best == null || gap < bestGap || gap == bestGap && b.to() > best.to()) {
                best = b;
                bestGap = gap;
            }
        }
        return best.device();
    }

    /** An address of the monitored networks: a device's, or a private one. */
    public boolean isLocal(Ip ip) {
        return ip != null && (byIp.containsKey(ip.toString()) || ip.isPrivate() || ip.isLoopback());
    }
}
