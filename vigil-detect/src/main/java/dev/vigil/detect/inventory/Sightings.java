package dev.vigil.detect.inventory;

import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the inventory knows while a run lasts, before any device is decided: facts about MAC
 * addresses (stations) and IP addresses, who sent from where, what was bound to what, what
 * identified itself how. The observers ({@link Observer}) write here, through the few verbs below;
 * {@link DeviceResolver} reads it when the devices are resolved. Bounded by the configuration's
 * {@link InventoryLimits}: addresses past the bound that are not private go uncounted but for their
 * number.
 */
public final class Sightings {

    /** Subnets a DHCP server announced that are kept as local (beyond, they are not). */
    static final int MAX_LEARNED_SUBNETS = 64;

    private final InventoryConfig config;
    private final Map<Long, StationState> stations = new HashMap<>();
    private final Map<Ip, AddressState> addresses = new HashMap<>();
    final List<Cidr> learnedSubnets = new ArrayList<>();
    private long untrackedAddresses;

    Sightings(InventoryConfig config) {
        this.config = config;
    }

    /** The state of a MAC address seen at {@code ts}; null when it is no station's (multicast, broadcast, none). */
    public StationState station(long mac, long ts) {
        if (!Mac.isStation(mac)) {
            return null;
        }
        StationState s = stations.computeIfAbsent(mac, StationState::new);
        s.seen(ts);
        return s;
    }

    /**
     * The state of an address behind one MAC ({@link Mac#NONE} when the frames had none, or not a
     * station's). Loopback is the capture host talking to itself and never a device of the network;
     * multicast, broadcast and the unspecified address are nobody's.
     */
    public AddressState address(Ip ip, long mac) {
        if (ip == null || ip.isMulticast() || ip.isBroadcast() || ip.isUnspecified() || ip.isLoopback()) {
            return null;
        }
        long m = Mac.isStation(mac) ? mac : Mac.NONE;
        AddressState head = addresses.get(ip);
        if (head == null) {
            if (addresses.size() >= config.limits().maxAddresses() && !ip.isPrivate()) {
                untrackedAddresses++;
                return null;
            }
            head = new AddressState(ip, m);
            addresses.put(ip, head);
            return head;
        }
        int n = 0;
        AddressState none = null;
        for (AddressState a = head; ; a = a.next) {
            if (a.mac == m) {
                return a;
            }
            if (a.mac == Mac.NONE) {
                none = a;
            }
            if (a.next == null) {
                if (++n >= AddressState.MAX_MACS) {
                    if (none == null) {
                        none = new AddressState(ip, Mac.NONE);
                        a.next = none;
                    }
                    return none;
                }
                a.next = new AddressState(ip, m);
                return a.next;
            }
            n++;
        }
    }

    /** The state of an address for a fact that names no MAC: the one in use at {@code ts}, else a new one without. */
    public AddressState addressAt(Ip ip, long ts) {
        AddressState head = ip == null ? null : addresses.get(ip);
        if (head == null) {
            return address(ip, Mac.NONE);
        }
        return head.next == null ? head : AddressOwners.at(head, ts);
    }

    int limit(String source) {
        return source.equals("dns.query") || source.equals("tls.sni") ? 256 : config.limits().maxObservationsPerSource();
    }

    /** Attaches an observation to one endpoint of a flow (its address; the MAC follows at resolution). */
    public void observe(FlowMeta flow, boolean server, String source, String value, long ts) {
        if (flow == null) {
            return;
        }
        Mac mac = server ? flow.serverMac() : flow.clientMac();
        AddressState a = address(server ? flow.serverIp() : flow.clientIp(), mac == null ? Mac.NONE : mac.bits());
        if (a != null) {
            a.observations.add(source, value, ts, limit(source));
        }
    }

    /**
     * A layer-2 protocol (ARP, DHCP, NDP, LLDP, CDP, an mDNS responder for its own name) ties the
     * address to the MAC at {@code ts}: the address is local, the station on this link.
     */
    public void bind(Ip ip, long mac, long ts) {
        AddressState a = address(ip, mac);
        StationState s = station(mac, ts);
        if (a == null || s == null) {
            return;
        }
        a.bound = true;
        a.boundAt = Math.max(a.boundAt, ts);
        a.localHint = true;
        a.seen(ts);
        s.onLink = true;
        s.boundIps.add(ip);
    }

    /** True when the address was seen at all. */
    public boolean knows(Ip ip) {
        return addresses.containsKey(ip);
    }

    /** A DHCP server handed out an address of this subnet: its addresses are local. */
    public void learnSubnet(Cidr net) {
        if (!learnedSubnets.contains(net) && learnedSubnets.size() < MAX_LEARNED_SUBNETS) {
            learnedSubnets.add(net);
        }
    }

    /** Another tool (Zeek's local_orig/local_resp) says this address belongs to the monitored networks. */
    public void markLocal(Ip ip) {
        if (ip != null) {
            AddressState a = address(ip, Mac.NONE);
            if (a != null) {
                a.localHint = true;
            }
        }
    }

    /** What one flow says of its two ends: they were seen, what they sent and offered, whom they talked to. */
    public void flow(FlowEnded f) {
        FlowMeta m = f.flow();
        if (m.clientIp() != null && m.clientIp().equals(m.serverIp())) {
            // a host talking to itself: the capture host's own loopback, no device of the network
            return;
        }
        long cMac = m.clientMac() == null ? Mac.NONE : m.clientMac().bits();
        long sMac = m.serverMac() == null ? Mac.NONE : m.serverMac().bits();
        AddressState c = address(m.clientIp(), cMac);
        AddressState s = address(m.serverIp(), sMac);
        boolean answered = f.serverPackets() > 0;
        if (c != null) {
            c.seen(f.firstSeen());
            c.seen(f.ts());
            if (Mac.isStation(cMac)) {
                c.source = true;
                c.sent += f.clientPackets();
                station(cMac, f.ts()).seen(f.firstSeen());
            }
            c.traffic.flowsOut++;
            c.traffic.packetsOut += f.clientPackets();
            c.traffic.packetsIn += f.serverPackets();
            c.traffic.bytesOut += f.clientBytes();
            c.traffic.bytesIn += f.serverBytes();
            String used = f.service() != null ? f.service() : serviceKey(m.transport(), m.serverPort());
            if (m.transport() == Transport.TCP || m.transport() == Transport.UDP) {
                c.used.computeIfAbsent(used, k -> new long[1])[0]++;
            }
            peer(c, m.serverIp());
            if (m.vlan() != null) {
                c.vlans.add(m.vlan());
            }
            if (f.clientTtl() > 0) {
                c.ttls.computeIfAbsent(f.clientTtl(), k -> new long[1])[0]++;
            }
        }
        if (s != null) {
            s.seen(f.firstSeen());
            s.seen(f.ts());
            if (Mac.isStation(sMac)) {
                if (answered) {
                    s.source = true;
                    s.sent += f.serverPackets();
                } else {
                    s.addressed += f.clientPackets();
                }
                station(sMac, f.ts()).seen(f.firstSeen());
            }
            s.traffic.flowsIn++;
            s.traffic.packetsOut += f.serverPackets();
            s.traffic.packetsIn += f.clientPackets();
            s.traffic.bytesOut += f.serverBytes();
            s.traffic.bytesIn += f.clientBytes();
            if (m.transport() == Transport.TCP || m.transport() == Transport.UDP) {
                String key = serviceKey(m.transport(), m.serverPort());
                AddressState.Service svc = s.offered.computeIfAbsent(key,
                        k -> new AddressState.Service(m.transport().label(), m.serverPort()));
                svc.flows++;
                if (answered && isAnswered(f)) {
                    svc.answered++;
                }
                if (f.service() != null) {
                    svc.name = f.service();
                }
                if (svc.clients.size() < 64) {
                    svc.clients.add(m.clientIp());
                }
            }
            peer(s, m.clientIp());
            if (m.vlan() != null) {
                s.vlans.add(m.vlan());
            }
        }
    }

    /** A TCP service answered only if the handshake completed; UDP and others if anything came back. */
    private static boolean isAnswered(FlowEnded f) {
        if (f.flow().transport() != Transport.TCP) {
            return true;
        }
        String st = f.connState();
        return !st.equals("REJ") && !st.equals("S0") && !st.equals("RSTOS0") && !st.equals("RSTRH") && !st.equals("SH")
                && !st.equals("SHR") && f.history().contains("h") || f.serverPayloadBytes() > 0;
    }

    private void peer(AddressState a, Ip other) {
        if (other == null || other.isMulticast() || other.isBroadcast() || other.isUnspecified()) {
            return;
        }
        if (a.peers.size() < config.limits().maxPeersPerAddress()) {
            a.peers.add(other);
        } else if (!a.peers.contains(other)) {
            a.peerOverflow++;
        }
    }

    private static final String[][] SERVICE_KEYS = new String[2][65536];

    /** "tcp/443", made once per port. */
    static String serviceKey(Transport t, int port) {
        int i = t == Transport.TCP ? 0 : 1;
        String k = SERVICE_KEYS[i][port];
        if (k == null) {
            k = t.label() + "/" + port;
            SERVICE_KEYS[i][port] = k;
        }
        return k;
    }

    Map<Long, StationState> stations() {
        return stations;
    }

    Map<Ip, AddressState> addresses() {
        return addresses;
    }

    InventoryConfig config() {
        return config;
    }

    long untrackedAddresses() {
        return untrackedAddresses;
    }
}
