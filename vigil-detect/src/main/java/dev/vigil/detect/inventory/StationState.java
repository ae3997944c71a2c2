package dev.vigil.detect.inventory;

import dev.vigil.engine.net.Ip;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** What the inventory knows about one MAC address (a station on the local link). */
final class StationState {

    final long mac;
    long firstSeen = Long.MAX_VALUE;
    long lastSeen;
    /** Seen as the source of layer-2 protocols (ARP, LLDP, CDP, DHCP, NDP): certainly on this link. */
    boolean onLink;
    boolean dhcpServer;
    boolean routerAdvertiser;
    final Set<Ip> boundIps = new LinkedHashSet<>();
    final Set<String> capabilities = new LinkedHashSet<>();
    final Observations observations = new Observations();
    final Set<Integer> vlans = new HashSet<>(1);
    String mudUrl;

    StationState(long mac) {
        this.mac = mac;
    }

    void seen(long ts) {
        if (ts < firstSeen) {
            firstSeen = ts;
        }
        if (ts > lastSeen) {
            lastSeen = ts;
        }
    }
}
