package dev.vigil.detect.inventory;

import java.util.Comparator;
import java.util.Locale;

/**
 * How a device is shown to people: its name and its main address, the same in the plan, the CLI,
 * the report and the service.
 */
public final class DeviceNames {

    private DeviceNames() {
    }

    /**
     * The address to show: one bound to the device (ARP, DHCP, neighbour discovery) before one only
     * seen in traffic, IPv4 before a global IPv6 before a link-local one, the latest used first;
     * null for a device known by its MAC alone.
     */
    public static String mainIp(Device d) {
        return d.ips().stream().min(Comparator.comparingInt(DeviceNames::rank)
                .thenComparing((Device.Address a) -> a.lastSeen() == null ? "" : a.lastSeen(), Comparator.reverseOrder())
                .thenComparing(Device.Address::ip)).map(Device.Address::ip).orElse(null);
    }

    private static int rank(Device.Address a) {
        String ip = a.ip().toLowerCase(Locale.ROOT);
        int family = ip.indexOf(':') < 0 ? 0 : ip.startsWith("fe80") ? 2 : 1;
        return family * 2 + ("traffic".equals(a.how()) ? 1 : 0);
    }

    /**
     * What the device is called: the name it gives itself (DHCP, mDNS, NetBIOS …), else its vendor
     * and model (or type), else its main address or MAC.
     */
    public static String name(Device d) {
        if (!d.hostnames().isEmpty()) {
            return d.hostnames().get(0);
        }
        String what = ((d.vendor() == null ? "" : d.vendor() + " ") + (d.model() != null ? d.model()
                : "unknown".equals(d.type()) ? "" : d.type())).trim();
        if (!what.isEmpty()) {
            return what;
        }
        String ip = mainIp(d);
        return ip != null ? ip : d.mac() != null ? d.mac() : d.id();
    }
}
