package dev.vigil.detect.inventory;

import dev.vigil.engine.net.Ip;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What the inventory knows about one IP address while the run lasts. */
final class AddressState {

    final Ip ip;
    long firstSeen = Long.MAX_VALUE;
    long lastSeen;
    /** Source MACs of frames sent from this address, with frame counts. */
    final Map<Long, long[]> srcMacs = new HashMap<>(2);
    /** Destination MACs of frames sent to this address (for hosts that never answer). */
    final Map<Long, long[]> dstMacs = new HashMap<>(2);
    /** The MAC an ARP, DHCP, NDP, LLDP or CDP message bound this address to. */
    long boundMac = dev.vigil.engine.net.Mac.NONE;
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

    AddressState(Ip ip) {
        this.ip = ip;
    }

    void seen(long ts) {
        if (ts < firstSeen) {
            firstSeen = ts;
        }
        if (ts > lastSeen) {
            lastSeen = ts;
        }
    }

    static void count(Map<Long, long[]> m, long mac, long n) {
        m.computeIfAbsent(mac, k -> new long[1])[0] += n;
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
