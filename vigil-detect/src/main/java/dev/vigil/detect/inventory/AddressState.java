package dev.vigil.detect.inventory;

import dev.vigil.engine.net.Ip;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the inventory knows about one IP address as used behind one MAC address, while the run lasts:
 * the frames it sent and received through that MAC, what it said about itself, and when. One address
 * is used behind several MACs over time (a lease handed to another device, two captures from
 * different networks years apart, a router forwarding for it): each MAC has its own state, chained
 * from the first, and {@link AddressOwners} decides which device held the address when.
 */
public final class AddressState {

    /** MACs one address keeps states for; frames behind further MACs count without layer 2. */
    static final int MAX_MACS = 16;

    final Ip ip;
    /** The MAC on the frames ({@link dev.vigil.engine.net.Mac#NONE}: without layer 2, or not a station's). */
    final long mac;
    /** The state of the same address behind the next MAC, or null. */
    AddressState next;
    long firstSeen = Long.MAX_VALUE;
    long lastSeen;
    /**
     * This MAC stood for the address as a flow's source: its frames came from the address, or it
     * started the flow (seen from the answers alone, a capture of one direction).
     */
    boolean source;
    /** Frames sent from this address with this MAC as their source. */
    long sent;
    /** Frames sent to this address with this MAC as their destination, when it never answered. */
    long addressed;
    /** An ARP, DHCP, NDP, LLDP or CDP message bound this address to this MAC, last at {@link #boundAt}. */
    boolean bound;
    long boundAt;
    /** Known to be on the local network (bound, ARP target, DHCP-assigned, configured). */
    boolean localHint;
    final Traffic traffic = new Traffic();
    final Map<String, Service> offered = new HashMap<>(2);
    final Map<String, long[]> used = new HashMap<>(4);
    final Set<Ip> peers = new HashSet<>();
    int peerOverflow;
    final Observations observations = new Observations();
    final Set<Integer> vlans = new HashSet<>(1);
    final Map<Integer, long[]> ttls = new HashMap<>(2);

    AddressState(Ip ip, long mac) {
        this.ip = ip;
        this.mac = mac;
    }

    /** This state and the address's states behind other MACs. */
    java.util.List<AddressState> chain() {
        java.util.List<AddressState> all = new java.util.ArrayList<>(2);
        for (AddressState a = this; a != null; a = a.next) {
            all.add(a);
        }
        return all;
    }

    /** An identifying string this address gave about itself ({@code source}: "hostname.mdns", …), at most {@code limit} per source. */
    public void observe(String source, String value, long ts, int limit) {
        observations.add(source, value, ts, limit);
    }

    /** Something on the link says the address belongs to the local network (an ARP request for it, a gateway announced). */
    public void hintLocal() {
        localHint = true;
    }

    void seen(long ts) {
        if (ts < firstSeen) {
            firstSeen = ts;
        }
        if (ts > lastSeen) {
            lastSeen = ts;
        }
    }

    /** A service this address offers: transport/port, protocol name, and who used it. */
    static final class Service {
        final String transport;
        final int port;
        String name;
        long flows;
        long answered;
        final Set<Ip> clients = new HashSet<>();

        Service(String transport, int port) {
            this.transport = transport;
            this.port = port;
        }
    }

    /** Traffic totals, from the address's point of view. */
    static final class Traffic {
        long flowsOut;
        long flowsIn;
        long packetsOut;
        long packetsIn;
        long bytesOut;
        long bytesIn;

        void add(Traffic t) {
            flowsOut += t.flowsOut;
            flowsIn += t.flowsIn;
            packetsOut += t.packetsOut;
            packetsIn += t.packetsIn;
            bytesOut += t.bytesOut;
            bytesIn += t.bytesIn;
        }
    }
}
