package dev.vigil.detect.behavior;

import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Endpoint;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.detect.inventory.Device;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import dev.vigil.engine.proto.arp.ArpMessage;
import dev.vigil.engine.proto.dhcp.DhcpMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Movement inside the network and attacks on its plumbing: a device reaching many other devices on
 * management ports, ARP replies that take over an address another station holds (ARP spoofing), a
 * second DHCP server answering clients (rogue DHCP), DHCP starvation (one station asking for leases
 * under many hardware addresses), and a device whose DHCP identity changes (another system behind
 * the same MAC).
 */
public final class LateralDetector implements Detector, Bounded, java.io.Serializable {

    static final int MAX_KEYS = 100_000;

    private final FindingRecorder findings;
    private final FlowMarks marks;
    private final long window;
    private final int minTargets;
    private final Set<Integer> ports;
    private final long arpHold;
    private final int minContests;
    private final long starvationWindow;
    private final int starvationClients;

    private final Keyed<Ip, Series> spread = new Keyed<>();
    private final Map<Ip, long[]> bindings = new HashMap<>();
    /** The address each station last spoke for as its holder, and when (a MITM keeps its own). */
    private final Map<Long, Object[]> held = new HashMap<>();
    private final Map<String, Spoof> spoofs = new LinkedHashMap<>();
    private final Map<String, Server> dhcpServers = new LinkedHashMap<>();
    private final Keyed<Long, Series> discovers = new Keyed<>();
    private final Map<Long, Identity> identities = new HashMap<>();

    private static final class Spoof implements java.io.Serializable {
        final Ip ip;
        final long previous;
        final long claimer;
        long count;
        long first;
        long last;
        long reclaims;
        /** The claimer's own address, spoken for within the hold while it claimed this one, or null. */
        Ip own;

        Spoof(Ip ip, long previous, long claimer, long ts) {
            this.ip = ip;
            this.previous = previous;
            this.claimer = claimer;
            this.first = ts;
            this.last = ts;
        }
    }

    private static final class Server implements java.io.Serializable {
        final Ip ip;
        final Mac mac;
        long answers;
        long first;
        final Set<String> clients = new LinkedHashSet<>();
        final Set<String> networks = new LinkedHashSet<>();

        Server(Ip ip, Mac mac, long first) {
            this.ip = ip;
            this.mac = mac;
            this.first = first;
        }
    }

    private static final class Identity implements java.io.Serializable {
        final Set<String> prls = new LinkedHashSet<>();
        final Set<String> vendorClasses = new LinkedHashSet<>();
        long first;
        long changedAt;
    }

    @Override
    public java.util.List<Keyed<?, ?>> kept() {
        return java.util.List.of(spread, discovers);
    }

    public LateralDetector(FindingRecorder findings, DetectionConfig c, FlowMarks marks) {
        this.findings = findings;
        this.marks = marks;
        this.window = c.nanos("lateral.window");
        this.minTargets = c.integer("lateral.min_targets");
        this.ports = c.portSet("lateral.ports");
        this.arpHold = c.nanos("arp_spoof.hold");
        this.minContests = c.integer("arp_spoof.min_contests");
        this.starvationWindow = c.nanos("dhcp_starvation.window");
        this.starvationClients = c.integer("dhcp_starvation.min_clients");
    }

    @Override
    public void accept(Event e) {
        switch (e) {
            case FlowEnded f -> flow(f);
            case ArpMessage a -> arp(a);
            case DhcpMessage d -> dhcp(d);
            default -> {
            }
        }
    }

    private void flow(FlowEnded f) {
        FlowMeta m = f.flow();
        if (!ports.contains(m.serverPort()) || m.clientIp() == null || !Flows.unicast(m.serverIp())
                || !Flows.privateish(m.serverIp())) {
            return;
        }
        if (spread.size() < MAX_KEYS || spread.containsKey(m.clientIp())) {
            spread.computeIfAbsent(m.clientIp(), k -> new Series()).add(f.firstSeen(), m.serverIp(), Flows.failed(f),
                    marks == null ? 0 : m.id());
        }
    }

    private void arp(ArpMessage a) {
        Ip ip = a.senderIp();
        Mac mac = a.senderMac();
        if (ip == null || mac == null || ip.isUnspecified() || virtualRouterMac(mac.bits())) {
            return;
        }
        long[] b = bindings.get(ip);
        if (b != null && b[0] == mac.bits()) {
            // the holder speaks for its address again: a contest if somebody claimed it meanwhile
            for (Spoof s : spoofs.values()) {
                if (s.ip.equals(ip) && s.previous == mac.bits() && s.last >= b[1] && a.ts() - s.last <= arpHold) {
                    s.reclaims++;
                }
            }
        }
        if (b != null && b[0] != mac.bits() && a.ts() - b[1] <= arpHold && (a.op() == 2 || ip.equals(a.targetIp()))) {
            String key = ip + "|" + mac.bits();
            Spoof s = spoofs.get(key);
            if (s == null && spoofs.size() < MAX_KEYS) {
                s = new Spoof(ip, b[0], mac.bits(), a.ts());
                spoofs.put(key, s);
            }
            if (s != null) {
                s.count++;
                s.last = a.ts();
                Object[] own = held.get(mac.bits());
                if (own != null && !own[0].equals(ip) && a.ts() - (long) own[1] <= arpHold) {
                    s.own = (Ip) own[0];
                }
            }
            return; // the earlier holder keeps the binding: repeated claims stay claims
        }
        if (bindings.size() < MAX_KEYS || b != null) {
            bindings.put(ip, new long[] {mac.bits(), a.ts()});
            if (held.size() < MAX_KEYS || held.containsKey(mac.bits())) {
                held.put(mac.bits(), new Object[] {ip, a.ts()});
            }
        }
    }

    private static String network(Ip ip) {
        String t = ip.toString();
        return ip.isV4() ? t.substring(0, t.lastIndexOf('.')) : t;
    }

    /** VRRP (RFC 5798 §7.3) and HSRP virtual router MACs legitimately move between routers. */
    private static boolean virtualRouterMac(long mac) {
        return (mac >>> 8) == 0x00005e0001L || (mac >>> 8) == 0x00005e0002L || (mac >>> 8) == 0x00000c07acL;
    }

    private void dhcp(DhcpMessage d) {
        if (d.op() == 2 && (d.messageType() == DhcpMessage.OFFER || d.messageType() == 5) && d.flow() != null) {
            // one server identifier is one server, whichever interface (MAC) its answers leave from
            Ip ip = d.serverId() != null ? d.serverId() : d.flow().serverIp();
            Mac mac = d.flow().serverMac();
            String key = String.valueOf(ip);
            if (dhcpServers.size() < 1000 || dhcpServers.containsKey(key)) {
                Server s = dhcpServers.computeIfAbsent(key, k -> new Server(ip, mac, d.ts()));
                s.answers++;
                if (s.clients.size() < 1000 && d.clientMac() != null) {
                    s.clients.add(d.clientMac().toString());
                }
                if (d.yourIp() != null && !d.yourIp().isUnspecified() && s.networks.size() < 100) {
                    s.networks.add(network(d.yourIp()));
                }
            }
        }
        if (d.op() == 1 && d.flow() != null && d.flow().clientMac() != null && d.clientMac() != null) {
            long frameSrc = d.flow().clientMac().bits();
            if (d.messageType() == DhcpMessage.DISCOVER || d.messageType() == DhcpMessage.REQUEST) {
                if (discovers.size() < MAX_KEYS || discovers.containsKey(frameSrc)) {
                    discovers.computeIfAbsent(frameSrc, k -> new Series()).add(d.ts(), d.clientMac().bits(), false,
                            marks == null ? 0 : d.flow().id());
                }
            }
            if (d.clientMac().bits() == frameSrc && d.parameterRequestList() != null && !d.parameterRequestList().isEmpty()
                    && (identities.size() < MAX_KEYS || identities.containsKey(frameSrc))) {
                Identity id = identities.computeIfAbsent(frameSrc, k -> new Identity());
                if (id.prls.isEmpty()) {
                    id.first = d.ts();
                }
                String prl = d.parameterRequestList().toString();
                if (id.prls.add(prl) && id.prls.size() > 1 && id.changedAt == 0) {
                    id.changedAt = d.ts();
                }
                if (d.vendorClass() != null) {
                    id.vendorClasses.add(d.vendorClass());
                }
            }
        }
    }

    @Override
    public void finish(DeviceIndex devices) {
        for (Map.Entry<Ip, Series> e : Candidates.of(spread, s -> s.total() >= minTargets)) {
            Series s = e.getValue();
            Device d = devices.byIp(e.getKey());
            if (d == null || s.total() < minTargets) {
                continue;
            }
            // only other devices of the network count as targets
            Series internal = new Series();
            for (int i = 0; i < s.size; i++) {
                Ip t = (Ip) s.target[i];
                if (devices.byIp(t) != null && !t.equals(e.getKey())) {
                    internal.add(s.ts[i], t, s.failed[i], s.flow[i]);
                }
            }
            int peak = internal.maxDistinctInWindow(window);
            if (peak < minTargets) {
                continue;
            }
            FindingRecorder.Draft f = findings.record("lateral.internal_spread", Endpoint.of(e.getKey()), null, null, null,
                    internal.first());
            if (f != null) {
                f.span(internal.first(), internal.last(), internal.total());
                f.evidence.put("devices_reached", internal.distinct());
                f.evidence.put("peak_per_window", peak);
                f.evidence.put("failed_share", ScanDetector.round(internal.failedShare()));
                f.evidence.put("explanation", "connected to management ports of " + internal.distinct()
                        + " other devices of the network, up to " + peak + " within " + window / 1_000_000_000L + " s"
                        + ("computer".equals(d.type()) ? "" : " (a " + d.type() + " has no reason to)"));
            }
            internal.markAll(marks, "lateral.internal_spread");
        }
        for (Spoof s : spoofs.values()) {
            // contested by the holder, or claimed repeatedly by a station that keeps an address of its own
            // (a relaying man in the middle, arpspoof's way; a replaced router has no other address)
            if (Math.min(s.count, s.reclaims + 1) < minContests && (s.own == null || s.count < minContests)) {
                continue;
            }
            FindingRecorder.Draft f = findings.record("lateral.arp_spoofing", new Endpoint(null, Mac.of(s.claimer), null),
                    null, null, s.ip.toString(), s.first);
            if (f != null) {
                f.span(s.first, s.last, s.count);
                f.evidence.put("address", s.ip.toString());
                f.evidence.put("held_by", Mac.of(s.previous).toString());
                f.evidence.put("claimed_by", Mac.of(s.claimer).toString());
                if (s.own != null) {
                    f.evidence.put("claimer_address", s.own.toString());
                }
                Device holder = devices.device(new Endpoint(s.ip, null, null));
                if (holder != null && "router".equals(holder.role())) {
                    f.evidence.put("gateway", true);
                }
                f.evidence.put("explanation", Mac.of(s.claimer) + " answered ARP for " + s.ip + ", which "
                        + Mac.of(s.previous) + " held: traffic for it can be intercepted");
            }
        }
        if (dhcpServers.size() > 1) {
            List<Server> servers = new ArrayList<>(dhcpServers.values());
            servers.sort((a, b) -> a.answers != b.answers ? Long.compare(b.answers, a.answers) : Long.compare(a.first, b.first));
            Server main = servers.get(0);
            for (Server s : servers.subList(1, servers.size())) {
                // a device's own set-up access point hands out another network: not the main one's rogue
                if (!s.networks.isEmpty() && !main.networks.isEmpty()
                        && java.util.Collections.disjoint(s.networks, main.networks)) {
                    continue;
                }
                FindingRecorder.Draft f = findings.record("lateral.rogue_dhcp", new Endpoint(s.ip, s.mac, 67), null, null,
                        null, s.first);
                if (f != null) {
                    f.span(s.first, s.first, s.answers);
                    f.evidence.put("server", String.valueOf(s.ip));
                    f.evidence.put("answers", s.answers);
                    f.evidence.put("clients", List.copyOf(s.clients).subList(0, Math.min(8, s.clients.size())));
                    f.evidence.put("main_server", main.ip + " (" + main.answers + " answers)");
                    f.evidence.put("explanation", "a second DHCP server (" + s.ip + ") answered " + s.answers
                            + " requests; whoever answers DHCP chooses clients' gateway and DNS");
                }
            }
        }
        for (Map.Entry<Long, Series> e : new TreeMap<>(discovers).entrySet()) {
            Series s = e.getValue();
            if (s.total() < starvationClients) {
                continue;
            }
            int peak = s.maxDistinctInWindow(starvationWindow);
            if (peak < starvationClients) {
                continue;
            }
            FindingRecorder.Draft f = findings.record("attack.dhcp_starvation", new Endpoint(null, Mac.of(e.getKey()), null),
                    null, null, null, s.first());
            if (f != null) {
                f.span(s.first(), s.last(), s.total());
                f.evidence.put("hardware_addresses", s.distinct());
                f.evidence.put("peak_per_window", peak);
                f.evidence.put("explanation", "asked for DHCP leases under " + s.distinct()
                        + " different hardware addresses: exhausting the pool so a rogue server can take over");
            }
            s.markAll(marks, "attack.dhcp_starvation");
        }
        for (Map.Entry<Long, Identity> e : new TreeMap<>(identities).entrySet()) {
            Identity id = e.getValue();
            if (id.prls.size() < 2 || id.vendorClasses.size() < 2) {
                continue;
            }
            FindingRecorder.Draft f = findings.record("behavior.identity_change", new Endpoint(null, Mac.of(e.getKey()), null),
                    null, null, null, id.changedAt);
            if (f != null) {
                f.evidence.put("dhcp_fingerprints", List.copyOf(id.prls));
                f.evidence.put("vendor_classes", List.copyOf(id.vendorClasses));
                f.evidence.put("explanation", "the same MAC presented " + id.prls.size() + " DHCP fingerprints and "
                        + id.vendorClasses.size() + " vendor classes: another system is using this device's address");
            }
        }
    }

}
