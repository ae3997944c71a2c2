package dev.vigil.detect.inventory;

import dev.vigil.detect.intel.OuiRegistry;
import dev.vigil.detect.intel.Vendors;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides, once the traffic is in, what is a device and what is not.
 *
 * <ol>
 * <li>An address is local when it is private (RFC 1918, RFC 6598, link-local, ULA), configured,
 * inside a subnet DHCP handed out, or bound to a MAC by ARP, DHCP, neighbour discovery, LLDP or
 * CDP; when none is, from layer-2 adjacency ({@link Locality}).</li>
 * <li>A station that sends frames for three or more non-local IPv4 addresses (or /64 IPv6 prefixes),
 * or advertises itself as an IPv6 router, is a router: those addresses are its peers' and stay
 * remote. One router MAC behind thousands of Internet addresses is one device.</li>
 * <li>Every other station owns the addresses it sends from.
 * An address used by one station and later by another (a lease handed on, two captures from different
 * years) is each one's for its own time ({@link AddressOwners}).</li>
 * <li>Local addresses that no station owns (no layer 2 in the capture, or routed from another
 * subnet) become devices keyed by address.</li>
 * </ol>
 */
final class DeviceResolver {

    static final int MAX_DOMAINS = 50;

    private final Sightings inv;
    private final OuiRegistry oui = OuiRegistry.bundled();
    private final Classifier classifier;
    private final DhcpFingerprints fingerprints = DhcpFingerprints.bundled();
    /** Per address, who held it when. */
    private final Map<Ip, List<AddressOwners.Tenancy>> tenancies = new HashMap<>();
    private final Locality locality;

    DeviceResolver(Sightings inv, LinkedHashMap<String, Object> unused) {
        this.inv = inv;
        this.classifier = new Classifier(inv.config().rules());
        this.locality = new Locality(inv);
    }

    List<Device> resolve() {
        locality.resolve();
        assignOwners();
        List<Device> devices = new ArrayList<>();
        Map<Long, List<AddressState>> byStation = new TreeMap<>();
        List<List<AddressState>> ipOnly = new ArrayList<>();
        for (Map.Entry<Ip, List<AddressOwners.Tenancy>> e : tenancies.entrySet()) {
            for (AddressOwners.Tenancy t : e.getValue()) {
                if (t.owner() != Mac.NONE) {
                    byStation.computeIfAbsent(t.owner(), k -> new ArrayList<>()).addAll(t.states());
                } else if (locality.isLocal(e.getKey()) && t.states().stream().anyMatch(a -> a.traffic.packetsOut > 0)) {
                    // an address nobody owns is a device only if it is local and sent something itself
                    ipOnly.add(t.states());
                }
            }
        }
        for (StationState s : inv.stations().values()) {
            List<AddressState> owned = new ArrayList<>(byStation.getOrDefault(s.mac, List.of()));
            owned.sort(Comparator.comparing(x -> x.ip));
            devices.add(build(s, owned));
        }
        ipOnly.sort(Comparator.comparing(x -> x.get(0).ip));
        for (List<AddressState> a : ipOnly) {
            devices.add(build(null, a));
        }
        devices.sort(DeviceResolver::order);
        return devices;
    }

    /** Devices with addresses first, in address order; then MAC-only devices by MAC. */
    private static int order(Device a, Device b) {
        boolean ai = !a.ips().isEmpty();
        boolean bi = !b.ips().isEmpty();
        if (ai != bi) {
            return ai ? -1 : 1;
        }
        if (ai) {
            int c = Ip.parse(a.ips().get(0).ip()).compareTo(Ip.parse(b.ips().get(0).ip()));
            if (c != 0) {
                return c;
            }
        }
        return a.id().compareTo(b.id());
    }

    /** True when a station or the address itself is a device holding the address. */
    private boolean held(Ip ip) {
        List<AddressOwners.Tenancy> t = tenancies.get(ip);
        return t != null && t.stream().anyMatch(x -> x.owner() != Mac.NONE);
    }

    private void assignOwners() {
        for (AddressState head : inv.addresses().values()) {
            tenancies.put(head.ip, AddressOwners.of(head, locality.isLocal(head.ip), locality.anyLocal(), locality.routers()));
        }
    }

    // ---------------------------------------------------------------- building a device

    private Device build(StationState s, List<AddressState> owned) {
        int obsLimit = inv.config().limits().maxObservationsPerSource();
        Observations obs = new Observations();
        if (s != null) {
            obs.mergeFrom(s.observations, 256);
        }
        AddressState.Traffic traffic = new AddressState.Traffic();
        Map<String, AddressState.Service> offered = new TreeMap<>();
        Map<String, long[]> used = new TreeMap<>();
        Set<Ip> peers = new HashSet<>();
        Set<Integer> vlans = new java.util.TreeSet<>();
        Map<Integer, long[]> ttls = new HashMap<>();
        long first = s != null ? s.firstSeen : Long.MAX_VALUE;
        long last = s != null ? s.lastSeen : 0;
        // one address may come in several states (behind several MACs): one entry, over all of their times
        Map<Ip, long[]> spans = new LinkedHashMap<>();
        for (AddressState a : owned) {
            long[] span = spans.computeIfAbsent(a.ip, k -> new long[] {Long.MAX_VALUE, 0});
            span[0] = Math.min(span[0], a.firstSeen);
            span[1] = Math.max(span[1], a.lastSeen);
            obs.mergeFrom(a.observations, 256);
            traffic.add(a.traffic);
            for (AddressState.Service svc : a.offered.values()) {
                String key = svc.transport + "/" + svc.port;
                AddressState.Service m = offered.computeIfAbsent(key, k -> new AddressState.Service(svc.transport, svc.port));
                m.flows += svc.flows;
                m.answered += svc.answered;
                if (svc.name != null) {
                    m.name = svc.name;
                }
                m.clients.addAll(svc.clients);
            }
            a.used.forEach((k, v) -> used.computeIfAbsent(k, x -> new long[1])[0] += v[0]);
            peers.addAll(a.peers);
            vlans.addAll(a.vlans);
            a.ttls.forEach((k, v) -> ttls.computeIfAbsent(k, x -> new long[1])[0] += v[0]);
            if (a.firstSeen != Long.MAX_VALUE) {
                first = Math.min(first, a.firstSeen);
                last = Math.max(last, a.lastSeen);
            }
        }
        if (forwardedSyslog(obs, spans.keySet())) {
            FORWARDED_SYSLOG.forEach(obs.all()::remove);
        }
        List<Device.Address> addrs = new ArrayList<>();
        for (Map.Entry<Ip, long[]> e : spans.entrySet()) {
            String how = s != null && s.boundIps.contains(e.getKey()) ? "bound" : "traffic";
            addrs.add(new Device.Address(e.getKey().toString(), how, time(e.getValue()[0]), time(e.getValue()[1])));
        }
        if (s != null) {
            vlans.addAll(s.vlans);
        }
        List<Evidence> evidence = new ArrayList<>();
        // observations through the rules
        for (Map.Entry<String, LinkedHashMap<String, long[]>> e : obs.all().entrySet()) {
            for (Map.Entry<String, long[]> v : e.getValue().entrySet()) {
                evidence.addAll(classifier.evidence(e.getKey(), v.getKey(), time(v.getValue()[0])));
            }
        }
        // the IEEE registry: who the prefix belongs to
        String org = null;
        if (s != null) {
            org = oui.organisation(s.mac);
            if (org != null) {
                String vendor = Vendors.canonical(org);
                boolean module = Vendors.moduleMaker(vendor);
                evidence.add(new Evidence("oui", org, "vendor", vendor, module ? 0.2 : 0.5, 0, null));
                evidence.addAll(classifier.evidence("oui", vendor, null));
            }
        }
        // services it answered on
        for (AddressState.Service svc : offered.values()) {
            if (svc.answered > 0) {
                evidence.addAll(classifier.evidence("service", svc.transport + "/" + svc.port, null));
            }
        }
        // initial TTL of what it sent (rounded up to 32, 64, 128 or 255)
        ttls.entrySet().stream().max(Map.Entry.comparingByValue(Comparator.comparingLong(x -> x[0])))
                .ifPresent(t -> evidence.addAll(classifier.evidence("ttl", String.valueOf(initialTtl(t.getKey())), null)));
        // roles
        String role = null;
        if (s != null) {
            int fwd = locality.forwarded(s.mac);
            if (locality.routers().contains(s.mac)) {
                role = "router";
                evidence.add(new Evidence("role", s.routerAdvertiser && fwd < Locality.ROUTER_MIN_REMOTE
                        ? "sends IPv6 router advertisements" : "forwards traffic for " + fwd + " addresses beyond the local network",
                        "type", "router", 0.9, 0, null));
            } else if (fwd > 0 && !locality.forger(s.mac)) {
                role = "gateway";
                evidence.add(new Evidence("role", "forwards traffic for " + fwd + " address(es) beyond the local network",
                        "type", "router", 0.6, 0, null));
            }
            if (s.dhcpServer) {
                role = role == null ? "dhcp_server" : role;
                // IoT devices run their own access point and DHCP while being set up: a hint, not proof
                evidence.add(new Evidence("role", "answers DHCP", "type", "router", 0.35, 0, null));
            }
        }
        if (s != null) {
            Weighing.dhcpFingerprints(fingerprints, obs.of("dhcp.prl").keySet(), evidence);
        }
        Map<String, Device.Attribute> attributes = classifier.attributes(evidence, Weighing.scoredForType(evidence));
        evidence.sort(Comparator.comparingDouble(Evidence::weight).reversed().thenComparing(Evidence::source)
                .thenComparing(Evidence::observed));
        List<Evidence> shown = dedupe(evidence, inv.config().limits().maxEvidencePerDevice());

        List<String> hostnames = hostnames(obs);
        Map<String, long[]> domainsSeen = new LinkedHashMap<>(obs.of("dns.query"));
        obs.of("tls.sni").forEach(domainsSeen::putIfAbsent);
        List<String> domains = domainsSeen.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[1]).thenComparing(Map.Entry::getKey))
                .limit(MAX_DOMAINS).map(Map.Entry::getKey).toList();
        int internal = 0;
        int external = 0;
        for (Ip p : peers) {
            if (locality.isLocal(p) || held(p)) {
                internal++;
            } else {
                external++;
            }
        }
        List<Device.ServiceOffered> svcs = new ArrayList<>();
        for (AddressState.Service svc : offered.values()) {
            if (svc.answered > 0) {
                svcs.add(new Device.ServiceOffered(svc.transport, svc.port, svc.name, svc.flows, svc.answered,
                        svc.clients.size()));
            }
        }
        svcs.sort(Comparator.comparing(Device.ServiceOffered::transport).thenComparingInt(Device.ServiceOffered::port));
        List<Device.ServiceUsed> usedList = used.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0]).thenComparing(Map.Entry::getKey))
                .limit(30).map(e -> new Device.ServiceUsed(e.getKey(), e.getValue()[0])).toList();
        Device.Identity identity = new Device.Identity(firstOf(obs, "dhcp.prl"), firstOf(obs, "dhcp.vendor_class"),
                keys(obs, "tls.ja3", 10), keys(obs, "tls.ja4", 10), keys(obs, "http.user_agent", 10),
                concat(keys(obs, "ssh.server", 5), keys(obs, "ssh.client", 5)));
        String mac = s == null ? null : Mac.format(s.mac);
        String id = s == null ? "ip:" + owned.get(0).ip : "mac:" + mac;
        Device.Attribute type = attributes.get("type");
        if (type.confidence() < REPORT_FLOOR && type.value() != null && !type.value().equals("unknown")) {
            // too weak to name: say unknown, keep the candidates for whoever looks closer
            type = new Device.Attribute("unknown", type.confidence(), type.candidates(), false);
            attributes.put("type", type);
        }
        return new Device(id, mac, s != null && Mac.isLocallyAdministered(s.mac), List.copyOf(addrs),
                reported(attributes, "vendor"), hostnames, type.value(), reported(attributes, "model"),
                reported(attributes, "firmware"), reported(attributes, "os"), type.confidence(), attributes, shown, role,
                List.copyOf(svcs), usedList, identity, domains,
                new Device.Traffic(traffic.flowsOut, traffic.flowsIn, traffic.packetsOut, traffic.packetsIn,
                        traffic.bytesOut, traffic.bytesIn, internal, external),
                s == null ? null : s.mudUrl, List.copyOf(vlans), time(first == Long.MAX_VALUE ? 0 : first), time(last));
    }

    /** Below this confidence an attribute is left empty in the summary fields (its candidates remain). */
    static final double REPORT_FLOOR = 0.2;

    private static String reported(Map<String, Device.Attribute> attributes, String name) {
        Device.Attribute a = attributes.get(name);
        return a.confidence() >= REPORT_FLOOR ? a.value() : null;
    }

    /** Keeps the strongest evidence, at most {@code max} items, one per (source, observed, attribute, value). */
    private static List<Evidence> dedupe(List<Evidence> sorted, int max) {
        Set<String> seen = new HashSet<>();
        List<Evidence> out = new ArrayList<>();
        for (Evidence e : sorted) {
            if (out.size() >= max) {
                break;
            }
            if (seen.add(e.source() + '\0' + e.observed() + '\0' + e.attribute() + '\0' + e.value())) {
                out.add(e);
            }
        }
        return List.copyOf(out);
    }

    /** What syslog messages say; dropped for a device whose messages were forwarded through it. */
    private static final List<String> FORWARDED_SYSLOG = List.of("hostname.syslog", "syslog.origin", "syslog.app",
            "syslog.message");
    /** A firewall's own id in its messages (FortiGate devid, ScreenOS device_id). */
    private static final java.util.regex.Pattern SYSLOG_DEVICE_ID =
            java.util.regex.Pattern.compile("(?:^|\\s)(?:devid|device_id)=\"?([\\w-]+)");

    /**
     * Syslog messages came through this device rather than from it (a relay, a router's MAC
     * carrying routed hosts' messages) when they name more than one host (one host may write its
     * short name and its FQDN), give an address literal that is not the device's, or carry more
     * than one firewall id.
     */
    static boolean forwardedSyslog(Observations obs, Set<Ip> own) {
        if (obs.of("hostname.syslog").keySet().stream()
                .map(h -> h.toLowerCase(java.util.Locale.ROOT).split("\\.", 2)[0]).distinct().count() > 1) {
            return true;
        }
        for (String origin : obs.of("syslog.origin").keySet()) {
            Ip ip = Ip.tryParse(origin);
            if (ip != null && !own.contains(ip)) {
                return true;
            }
        }
        Set<String> ids = new HashSet<>();
        for (String m : obs.of("syslog.message").keySet()) {
            java.util.regex.Matcher x = SYSLOG_DEVICE_ID.matcher(m);
            if (x.find()) {
                ids.add(x.group(1));
            }
        }
        return ids.size() > 1;
    }

    private static final List<String> NAME_SOURCES = List.of("hostname.dhcp", "hostname.dhcpv6", "hostname.mdns",
            "hostname.netbios", "hostname.llmnr", "hostname.lldp", "hostname.cdp", "hostname.snmp", "hostname.ics",
            "hostname.dcp", "hostname.ubnt", "hostname.syslog", "hostname.dns_ptr");

    private static List<String> hostnames(Observations obs) {
        LinkedHashMap<String, String> names = new LinkedHashMap<>();
        for (String src : NAME_SOURCES) {
            for (String n : obs.of(src).keySet()) {
                names.putIfAbsent(n.toLowerCase(java.util.Locale.ROOT), n);
            }
        }
        return List.copyOf(names.values()).subList(0, Math.min(names.size(), 10));
    }

    private static String firstOf(Observations obs, String source) {
        return obs.of(source).keySet().stream().findFirst().orElse(null);
    }

    private static List<String> keys(Observations obs, String source, int max) {
        return obs.of(source).keySet().stream().limit(max).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        LinkedHashSet<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }

    static int initialTtl(int observed) {
        if (observed <= 32) {
            return 32;
        }
        if (observed <= 64) {
            return 64;
        }
        if (observed <= 128) {
            return 128;
        }
        return 255;
    }

    static String time(long nanos) {
        return nanos <= 0 || nanos == Long.MAX_VALUE ? null : EventJson.time(nanos);
    }
}
