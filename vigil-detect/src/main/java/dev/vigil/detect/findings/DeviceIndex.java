package dev.vigil.detect.findings;

import dev.vigil.detect.inventory.Device;
import dev.vigil.engine.net.Ip;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Looks devices up by address or MAC once the inventory is resolved; says which addresses are local. */
public final class DeviceIndex {

    private final Map<String, Device> byIp = new HashMap<>();
    private final Map<String, Device> byMac = new HashMap<>();
    private final List<Device> devices;

    public DeviceIndex(List<Device> devices) {
        this.devices = devices;
        for (Device d : devices) {
            for (Device.Address a : d.ips()) {
                byIp.put(a.ip(), d);
            }
            if (d.mac() != null) {
                byMac.put(d.mac(), d);
            }
        }
    }

    public List<Device> devices() {
        return devices;
    }

    /** The device an endpoint belongs to: by address; by MAC only for layer-2 evidence without one. */
    public Device device(Endpoint e) {
        if (e == null) {
            return null;
        }
        if (e.ip() != null) {
            return byIp.get(e.ip().toString());
        }
        return e.mac() == null ? null : byMac.get(e.mac().toString());
    }

    public Device byIp(Ip ip) {
        return ip == null ? null : byIp.get(ip.toString());
    }

    /** An address of the monitored networks: a device's, or a private one. */
    public boolean isLocal(Ip ip) {
        return ip != null && (byIp.containsKey(ip.toString()) || ip.isPrivate() || ip.isLoopback());
    }
}
