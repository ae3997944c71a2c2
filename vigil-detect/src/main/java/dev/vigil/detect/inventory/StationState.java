package dev.vigil.detect.inventory;

import dev.vigil.engine.net.Ip;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/** What the inventory knows about one MAC address (a station on the local link). */
public final class StationState {

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

    /** It sent a layer-2 protocol (ARP, LLDP, CDP, DHCP, NDP): it is on this link. */
    public void onLink() {
        onLink = true;
    }

    /** An identifying string the station gave about itself, at most {@code limit} per source. */
    public void observe(String source, String value, long ts, int limit) {
        observations.add(source, value, ts, limit);
    }

    /** A capability it announced (LLDP, CDP: "router", "bridge", …). */
    public void capability(String cap) {
        capabilities.add(cap);
    }

    /** The RFC 8520 MUD URL it announced. */
    public void mudUrl(String url) {
        mudUrl = url;
    }

    /** A VLAN it was seen on. */
    public void vlan(int vid) {
        vlans.add(vid);
    }

    /** It answered DHCP. */
    public void dhcpServer() {
        dhcpServer = true;
    }

    /** It sent an IPv6 router advertisement (RFC 4861 §4.2). */
    public void routerAdvertiser() {
        routerAdvertiser = true;
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
