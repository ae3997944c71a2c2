package dev.vigil.detect.inventory;

import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which addresses are on the monitored networks, and which stations route for others.
 *
 * <p>An address is local when it is private, configured, inside a subnet DHCP handed out, or bound
 * to a MAC. When the traffic shows no local address at all (hosts on public addresses), the
 * monitored network is inferred from layer-2 adjacency: a station that sends from one address only,
 * which no other MAC sends from, is a host on the link and its address is local; two or more such
 * hosts in one /24 (IPv6: /64) make that block the monitored network. A router's MAC is behind many
 * addresses and stays out of it.
 */
final class Locality {

    static final int ROUTER_MIN_REMOTE = 3;
    /** Adjacent hosts in one block that make the block the monitored network. */
    static final int NETWORK_MIN_HOSTS = 2;

    private final Sightings inv;
    private final List<Cidr> localNets = new ArrayList<>();
    private final List<Cidr> inferred = new ArrayList<>();
    private final Set<Long> routers = new HashSet<>();
    /** Stations that send from outside addresses nothing is ever sent to through them: forged sources, not routing. */
    private final Set<Long> forgers = new HashSet<>();
    private final Map<Long, Integer> forwarded = new HashMap<>();
    private boolean anyLocal;

    Locality(Sightings inv) {
        this.inv = inv;
    }

    void resolve() {
        localNets.addAll(inv.config().localNetworks());
        localNets.addAll(inv.learnedSubnets);
        inferFromAdjacency();
        findRouters();
    }

    boolean isLocal(Ip ip) {
        if (ip.isPrivate()) {
            return true;
        }
        for (AddressState a = inv.addresses().get(ip); a != null; a = a.next) {
            if (a.localHint) {
                return true;
            }
        }
        for (Cidr c : localNets) {
            if (c.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    boolean anyLocal() {
        return anyLocal;
    }

    Set<Long> routers() {
        return routers;
    }

    boolean forger(long mac) {
        return forgers.contains(mac);
    }

    /** Outside addresses (IPv4, or IPv6 /64s) the station sent from. */
    int forwarded(long mac) {
        return forwarded.getOrDefault(mac, 0);
    }

    /** The networks inferred from layer-2 adjacency (empty when the traffic showed local addresses). */
    List<Cidr> inferred() {
        return List.copyOf(inferred);
    }

    private void inferFromAdjacency() {
        Map<Long, Set<Ip>> sent = new HashMap<>();
        Map<Ip, Set<Long>> senders = new HashMap<>();
        for (AddressState head : inv.addresses().values()) {
            if (isLocal(head.ip)) {
                return;
            }
            for (AddressState a = head; a != null; a = a.next) {
                if (a.mac != Mac.NONE && a.source) {
                    sent.computeIfAbsent(a.mac, k -> new HashSet<>()).add(a.ip);
                    senders.computeIfAbsent(a.ip, k -> new HashSet<>()).add(a.mac);
                }
            }
        }
        Map<Cidr, Integer> blocks = new TreeMap<>(Comparator.comparing(Cidr::toString));
        List<Cidr> hosts = new ArrayList<>();
        for (Set<Ip> ips : sent.values()) {
            Ip ip = ips.size() == 1 ? ips.iterator().next() : null;
            if (ip == null || senders.get(ip).size() != 1) {
                continue;
            }
            hosts.add(Cidr.around(ip, ip.isV4() ? 32 : 128));
            blocks.merge(Cidr.around(ip, ip.isV4() ? 24 : 64), 1, Integer::sum);
        }
        blocks.forEach((block, n) -> {
            if (n >= NETWORK_MIN_HOSTS) {
                inferred.add(block);
            }
        });
        for (Cidr h : hosts) {
            if (inferred.stream().noneMatch(b -> b.contains(h.base()))) {
                inferred.add(h);
            }
        }
        localNets.addAll(inferred);
    }

    private void findRouters() {
        Map<Long, Set<Ip>> remoteV4 = new HashMap<>();
        Map<Long, Set<Long>> remoteV6 = new HashMap<>();
        Set<Long> reaches = new HashSet<>();
        for (AddressState head : inv.addresses().values()) {
            if (isLocal(head.ip)) {
                anyLocal = true;
                continue;
            }
            for (AddressState a = head; a != null; a = a.next) {
                if (a.mac == Mac.NONE) {
                    continue;
                }
                if (a.addressed > 0) {
                    reaches.add(a.mac);
                }
                if (a.source && a.ip.isV4()) {
                    remoteV4.computeIfAbsent(a.mac, k -> new HashSet<>()).add(a.ip);
                } else if (a.source) {
                    remoteV6.computeIfAbsent(a.mac, k -> new HashSet<>()).add(a.ip.hi());
                }
            }
        }
        for (StationState s : inv.stations().values()) {
            int v4 = remoteV4.getOrDefault(s.mac, Set.of()).size();
            int v6 = remoteV6.getOrDefault(s.mac, Set.of()).size();
            forwarded.put(s.mac, v4 + v6);
            // a station with an address of its own that sends from outside addresses but is never
            // sent anything for them forwards nothing: it forges its sources (a flood bot)
            boolean forger = !reaches.contains(s.mac) && !s.boundIps.isEmpty() && !s.routerAdvertiser && !s.dhcpServer;
            if (forger && v4 + v6 > 0) {
                forgers.add(s.mac);
            }
            if ((v4 >= ROUTER_MIN_REMOTE || v6 >= ROUTER_MIN_REMOTE) && !forger || s.routerAdvertiser) {
                routers.add(s.mac);
            }
        }
    }
}
