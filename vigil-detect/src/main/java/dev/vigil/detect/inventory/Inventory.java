package dev.vigil.detect.inventory;

import dev.vigil.engine.event.Event;
import dev.vigil.engine.event.EventSink;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import dev.vigil.engine.proto.arp.ArpMessage;
import dev.vigil.engine.proto.cdp.CdpAdvertisement;
import dev.vigil.engine.proto.dhcp.DhcpMessage;
import dev.vigil.engine.proto.dhcpv6.Dhcpv6Message;
import dev.vigil.engine.proto.dns.DnsMessage;
import dev.vigil.engine.proto.ftp.FtpBanner;
import dev.vigil.engine.proto.mail.MailBanner;
import dev.vigil.engine.proto.http.HttpRequest;
import dev.vigil.engine.proto.http.HttpResponse;
import dev.vigil.engine.proto.lldp.LldpAdvertisement;
import dev.vigil.engine.proto.mqtt.MqttConnect;
import dev.vigil.engine.proto.ndp.NeighborDiscovery;
import dev.vigil.engine.proto.netbios.BrowserAnnouncement;
import dev.vigil.engine.proto.netbios.NetbiosName;
import dev.vigil.engine.proto.snmp.SnmpMessage;
import dev.vigil.engine.proto.ssdp.SsdpMessage;
import dev.vigil.engine.proto.upnp.UpnpDescription;
import dev.vigil.engine.proto.ssh.SshBanner;
import dev.vigil.engine.proto.telnet.TelnetBanner;
import dev.vigil.engine.proto.tls.CertificateInfo;
import dev.vigil.engine.proto.tls.TlsCertificates;
import dev.vigil.engine.proto.tls.TlsClientHello;
import dev.vigil.engine.proto.wsd.WsDiscovery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the device inventory from engine events. While a run lasts it only records facts about
 * MAC addresses (stations) and IP addresses: who sent from where, what was bound to what, what
 * identified itself how. {@link #devices()} then decides which addresses are local, which MACs are
 * routers, which device owns which address, and classifies each device from its evidence.
 */
public final class Inventory implements EventSink {

    private final InventoryConfig config;
    private final Map<Long, StationState> stations = new HashMap<>();
    private final Map<Ip, AddressState> addresses = new HashMap<>();
    final List<Cidr> learnedSubnets = new ArrayList<>();
    private long untrackedAddresses;

    public Inventory(InventoryConfig config) {
        this.config = config;
    }

    public Inventory() {
        this(InventoryConfig.DEFAULT);
    }

    @Override
    public void accept(Event e) {
        switch (e) {
            case FlowEnded f -> flow(f);
            case ArpMessage a -> arp(a);
            case DhcpMessage d -> dhcp(d);
            case Dhcpv6Message d -> dhcpv6(d);
            case NeighborDiscovery n -> ndp(n);
            case DnsMessage d -> dns(d);
            case SsdpMessage s -> ssdp(s);
            case UpnpDescription u -> upnp(u);
            case HttpRequest h -> httpRequest(h);
            case HttpResponse h -> httpResponse(h);
            case TlsClientHello t -> tlsClient(t);
            case TlsCertificates t -> tlsCertificates(t);
            case SnmpMessage s -> snmp(s);
            case LldpAdvertisement l -> lldp(l);
            case CdpAdvertisement c -> cdp(c);
            case NetbiosName n -> netbios(n);
            case BrowserAnnouncement b -> browser(b);
            case SshBanner s -> observe(s.flow(), !s.fromClient(), s.fromClient() ? "ssh.client" : "ssh.server",
                    s.software() + (s.comments() == null ? "" : " " + s.comments()), s.ts());
            case TelnetBanner t -> observe(t.flow(), true, "telnet.banner", t.text(), t.ts());
            case FtpBanner f -> observe(f.flow(), true, "ftp.banner", f.text(), f.ts());
            case MailBanner m -> observe(m.flow(), true, "mail.banner", m.text(), m.ts());
            case MqttConnect m -> observe(m.flow(), false, "mqtt.client_id", m.clientId(), m.ts());
            case WsDiscovery w -> wsd(w);
            default -> {
            }
        }
    }

    // ---------------------------------------------------------------- subjects

    private StationState station(long mac, long ts) {
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
    private AddressState address(Ip ip, long mac) {
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
    private AddressState addressAt(Ip ip, long ts) {
        AddressState head = ip == null ? null : addresses.get(ip);
        if (head == null) {
            return address(ip, Mac.NONE);
        }
        return head.next == null ? head : AddressOwners.at(head, ts);
    }

    private int limit(String source) {
        return source.equals("dns.query") || source.equals("tls.sni") ? 256 : config.limits().maxObservationsPerSource();
    }

    /** Attaches an observation to one endpoint of a flow (its address; the MAC follows at resolution). */
    private void observe(FlowMeta flow, boolean server, String source, String value, long ts) {
        if (flow == null) {
            return;
        }
        Mac mac = server ? flow.serverMac() : flow.clientMac();
        AddressState a = address(server ? flow.serverIp() : flow.clientIp(), mac == null ? Mac.NONE : mac.bits());
        if (a != null) {
            a.observations.add(source, value, ts, limit(source));
        }
    }

    private void observeStation(long mac, String source, String value, long ts) {
        StationState s = station(mac, ts);
        if (s != null) {
            s.observations.add(source, value, ts, limit(source));
        }
    }

    private void bind(Ip ip, long mac, long ts) {
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

    // ---------------------------------------------------------------- flows

    private void flow(FlowEnded f) {
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
            if (m.transport() == dev.vigil.engine.flow.Transport.TCP || m.transport() == dev.vigil.engine.flow.Transport.UDP) {
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
            if (m.transport() == dev.vigil.engine.flow.Transport.TCP || m.transport() == dev.vigil.engine.flow.Transport.UDP) {
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
        if (f.flow().transport() != dev.vigil.engine.flow.Transport.TCP) {
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

    // ---------------------------------------------------------------- layer 2 and addressing

    private void arp(ArpMessage a) {
        long sender = a.senderMac().bits();
        if (!a.senderIp().isUnspecified() && Mac.isStation(sender)) {
            bind(a.senderIp(), sender, a.ts());
        } else {
            StationState s = station(sender, a.ts());
            if (s != null) {
                s.onLink = true;
            }
        }
        if (a.op() == ArpMessage.REQUEST) {
            AddressState t = addressAt(a.targetIp(), a.ts());
            if (t != null) {
                // someone on this link asks for it: the address belongs to the local network
                t.localHint = true;
            }
        }
        if (a.vlan() != null) {
            StationState s = station(sender, a.ts());
            if (s != null) {
                s.vlans.add(a.vlan());
            }
        }
    }

    private void ndp(NeighborDiscovery n) {
        Mac link = n.linkAddress() != null ? n.linkAddress() : n.type() != 136 ? n.frameSrc() : null;
        Ip ip = n.boundIp();
        if (link != null && ip != null && !ip.isUnspecified()) {
            bind(ip, link.bits(), n.ts());
        }
        if (n.type() == 134 && n.frameSrc() != null) {
            StationState s = station(n.frameSrc().bits(), n.ts());
            if (s != null) {
                s.routerAdvertiser = true;
            }
        }
    }

    private void dhcp(DhcpMessage d) {
        long client = d.clientMac() != null ? d.clientMac().bits()
                : d.flow() != null && d.flow().clientMac() != null && d.op() == 1 ? d.flow().clientMac().bits() : Mac.NONE;
        long ts = d.ts();
        if (d.op() == 1) {
            StationState s = station(client, ts);
            if (s != null) {
                s.onLink = true;
                s.observations.add("hostname.dhcp", d.hostname(), ts, 8);
                s.observations.add("dhcp.vendor_class", d.vendorClass(), ts, 8);
                s.observations.add("hostname.dhcp", d.fqdn(), ts, 8);
                if (!d.parameterRequestList().isEmpty()) {
                    s.observations.add("dhcp.prl", join(d.parameterRequestList()), ts, 8);
                }
                s.observations.add("dhcp.user_class", d.userClass(), ts, 8);
                if (d.mudUrl() != null) {
                    s.mudUrl = d.mudUrl();
                }
            }
            if (!d.clientIp().isUnspecified()) {
                bind(d.clientIp(), client, ts);
            }
        } else {
            if (d.messageType() == DhcpMessage.ACK && !d.yourIp().isUnspecified() && Mac.isStation(client)) {
                bind(d.yourIp(), client, ts);
                if (d.subnetMask() != null) {
                    int prefix = Integer.bitCount(d.subnetMask().v4());
                    if (prefix >= 8 && prefix <= 30) {
                        Cidr net = Cidr.around(d.yourIp(), prefix);
                        if (!learnedSubnets.contains(net) && learnedSubnets.size() < 64) {
                            learnedSubnets.add(net);
                        }
                    }
                }
            }
            for (Ip r : d.routers()) {
                AddressState a = addressAt(r, ts);
                if (a != null) {
                    a.localHint = true;
                    a.observations.add("role", "dhcp-announced gateway", ts, 4);
                }
            }
            FlowMeta f = d.flow();
            if (f != null) {
                // the server sent this reply: its source is the flow endpoint that is not the client port 68
                boolean serverIsClientSide = f.clientPort() == 67;
                Mac mac = serverIsClientSide ? f.clientMac() : f.serverMac();
                StationState s = mac == null ? null : station(mac.bits(), ts);
                if (s != null) {
                    s.dhcpServer = true;
                    s.onLink = true;
                }
                Ip serverIp = d.serverId() != null ? d.serverId() : serverIsClientSide ? f.clientIp() : f.serverIp();
                if (mac != null && serverIp != null && !serverIp.isUnspecified()) {
                    bind(serverIp, mac.bits(), ts);
                }
            }
        }
    }

    private void dhcpv6(Dhcpv6Message d) {
        long mac = d.duidMac() != null ? d.duidMac().bits()
                : d.flow() != null && d.flow().clientMac() != null ? d.flow().clientMac().bits() : Mac.NONE;
        StationState s = station(mac, d.ts());
        if (s == null) {
            return;
        }
        s.onLink = true;
        s.observations.add("hostname.dhcpv6", d.hostname(), d.ts(), 8);
        s.observations.add("dhcpv6.vendor_class", d.vendorClass(), d.ts(), 8);
        if (d.mudUrl() != null) {
            s.mudUrl = d.mudUrl();
        }
        if (d.flow() != null && d.flow().clientIp() != null && d.flow().clientIp().isLinkLocal()) {
            bind(d.flow().clientIp(), mac, d.ts());
        }
    }

    private void lldp(LldpAdvertisement l) {
        if (l.srcMac() == null) {
            return;
        }
        long mac = l.srcMac().bits();
        StationState s = station(mac, l.ts());
        s.onLink = true;
        s.observations.add("hostname.lldp", l.systemName(), l.ts(), 8);
        s.observations.add("lldp.sys_descr", l.systemDescription(), l.ts(), 8);
        for (String cap : l.enabledCapabilities().isEmpty() ? l.capabilities() : l.enabledCapabilities()) {
            s.capabilities.add(cap);
            s.observations.add("lldp.capability", cap, l.ts(), 16);
        }
        if (l.mudUrl() != null) {
            s.mudUrl = l.mudUrl();
        }
        for (String a : l.managementAddresses()) {
            if (a.indexOf('.') > 0 || a.indexOf(':') > 0 && a.length() > 17) {
                try {
                    Ip ip = Ip.parse(a);
                    if (!ip.isUnspecified()) {
                        bind(ip, mac, l.ts());
                    }
                } catch (IllegalArgumentException e) {
                    // a MAC-form management address
                }
            }
        }
        if (l.vlan() != null) {
            s.vlans.add(l.vlan());
        }
    }

    private void cdp(CdpAdvertisement c) {
        if (c.srcMac() == null) {
            return;
        }
        long mac = c.srcMac().bits();
        StationState s = station(mac, c.ts());
        s.onLink = true;
        s.observations.add("hostname.cdp", c.deviceId(), c.ts(), 8);
        s.observations.add("cdp.platform", c.platform(), c.ts(), 8);
        s.observations.add("cdp.software", c.softwareVersion(), c.ts(), 8);
        for (String cap : c.capabilities()) {
            s.capabilities.add(cap);
            s.observations.add("cdp.capability", cap, c.ts(), 16);
        }
        for (String a : c.addresses()) {
            Ip ip = Ip.parse(a);
            if (!ip.isUnspecified()) {
                bind(ip, mac, c.ts());
            }
        }
    }

    // ---------------------------------------------------------------- naming and self-description

    private void dns(DnsMessage d) {
        FlowMeta f = d.flow();
        if (f == null) {
            return;
        }
        if (d.protocol().equals("dns")) {
            if (!d.response()) {
                for (DnsMessage.Question q : d.questions()) {
                    if (!q.name().endsWith(".arpa") && q.name().indexOf('.') > 0) {
                        observe(f, false, "dns.query", q.name().toLowerCase(Locale.ROOT), d.ts());
                    }
                }
            } else {
                // PTR answers name the addresses they describe
                for (DnsMessage.ResourceRecord r : d.answers()) {
                    if (r.type().equals("PTR") && r.name().endsWith(".in-addr.arpa") && r.data() != null) {
                        Ip ip = reverse(r.name());
                        AddressState a = ip == null || !addresses.containsKey(ip) ? null : addressAt(ip, d.ts());
                        if (a != null && ip.isPrivate()) {
                            a.observations.add("hostname.dns_ptr", stripDot(r.data()), d.ts(), 8);
                        }
                    }
                }
            }
            return;
        }
        // mDNS / LLMNR: responses describe the responder, who sent them (a unicast answer goes to the
        // asker's port, so the responder may be either end of the flow); queries hint at what the asker
        // looks for
        boolean fromResponder = d.response();
        Ip sender = d.fromClient() ? f.clientIp() : f.serverIp();
        Mac senderMac = d.fromClient() ? f.clientMac() : f.serverMac();
        AddressState self = address(sender, senderMac == null ? Mac.NONE : senderMac.bits());
        if (self == null) {
            return;
        }
        if (!fromResponder) {
            for (DnsMessage.Question q : d.questions()) {
                if (q.type().equals("PTR") && q.name().startsWith("_")) {
                    self.observations.add("mdns.browse", serviceType(q.name()), d.ts(), 32);
                }
            }
            return;
        }
        for (DnsMessage.ResourceRecord r : d.records()) {
            String name = r.name();
            switch (r.type()) {
                case "A", "AAAA" -> {
                    // RFC 4795 §2.3: an LLMNR responder answers for its own single-label name
                    String host = d.protocol().equals("llmnr") ? llmnrName(name) : localName(name);
                    if (host != null && r.data() != null) {
                        Ip ip = Ip.parse(r.data());
                        AddressState a = ip.equals(sender) ? self
                                : address(ip, senderMac == null ? Mac.NONE : senderMac.bits());
                        if (a != null) {
                            a.observations.add(d.protocol().equals("llmnr") ? "hostname.llmnr" : "hostname.mdns", host,
                                    d.ts(), 8);
                            a.localHint = true;
                            // a responder answers for its own name (RFC 6762 §6): its addresses are its own
                            if (senderMac != null && !ip.equals(sender) && !ip.isUnspecified()) {
                                bind(ip, senderMac.bits(), d.ts());
                            }
                        }
                    }
                }
                case "PTR" -> {
                    if (name.startsWith("_") && !name.startsWith("_services._dns-sd") && r.data() != null) {
                        self.observations.add("mdns.service", serviceType(name), d.ts(), 32);
                        String instance = instanceName(r.data(), name);
                        if (instance != null) {
                            self.observations.add("mdns.instance", instance, d.ts(), 16);
                        }
                    }
                }
                case "SRV" -> {
                    String host = r.data() == null ? null : localName(r.data().substring(r.data().lastIndexOf(' ') + 1));
                    if (host != null) {
                        self.observations.add("hostname.mdns", host, d.ts(), 8);
                    }
                    String svc = name.contains("._") ? serviceType(name.substring(name.indexOf("._") + 1)) : null;
                    if (svc != null) {
                        self.observations.add("mdns.service", svc, d.ts(), 32);
                    }
                }
                case "TXT" -> {
                    for (String kv : r.txt()) {
                        if (kv.indexOf('=') > 0 && kv.length() < 200) {
                            self.observations.add("mdns.txt", kv, d.ts(), 64);
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    private void ssdp(SsdpMessage s) {
        boolean fromDevice = !s.method().equals("M-SEARCH");
        FlowMeta f = s.flow();
        if (f == null) {
            return;
        }
        // UDA 2.0 §1.2, §1.3: NOTIFY and a search response describe the device that sends them (its
        // SERVER header, its LOCATION); a response goes to the searcher's port, so the device may be
        // either end of the flow
        boolean server = !s.fromClient();
        if (fromDevice) {
            observe(f, server, "ssdp.server", s.server(), s.ts());
            if (s.target() != null && s.target().startsWith("urn:")) {
                observe(f, server, "ssdp.type", s.target(), s.ts());
            }
            if (s.usn() != null && s.usn().contains("::urn:")) {
                observe(f, server, "ssdp.type", s.usn().substring(s.usn().indexOf("::urn:") + 2), s.ts());
            }
        } else {
            observe(f, server, "http.user_agent", s.userAgent(), s.ts());
        }
    }

    private void upnp(UpnpDescription u) {
        FlowMeta f = u.flow();
        observe(f, true, "upnp.device_type", u.deviceType(), u.ts());
        observe(f, true, "upnp.manufacturer", u.manufacturer(), u.ts());
        String model = u.modelName() == null ? u.modelNumber()
                : u.modelNumber() == null || u.modelName().contains(u.modelNumber()) ? u.modelName()
                        : u.modelName() + " " + u.modelNumber();
        observe(f, true, "upnp.model", model, u.ts());
        observe(f, true, "upnp.description", u.modelDescription(), u.ts());
        observe(f, true, "upnp.friendly_name", u.friendlyName(), u.ts());
        observe(f, true, "upnp.firmware", u.firmwareVersion(), u.ts());
        for (String svc : u.serviceTypes()) {
            observe(f, true, "upnp.service", svc, u.ts());
        }
    }

    private void httpRequest(HttpRequest h) {
        observe(h.flow(), false, "http.user_agent", h.userAgent(), h.ts());
        if (h.host() != null && !h.host().isEmpty() && !Character.isDigit(h.host().charAt(0))) {
            String host = h.host().toLowerCase(Locale.ROOT);
            int colon = host.indexOf(':');
            observe(h.flow(), false, "dns.query", colon > 0 ? host.substring(0, colon) : host, h.ts());
        }
    }

    private void httpResponse(HttpResponse h) {
        observe(h.flow(), true, "http.server", h.server(), h.ts());
        observe(h.flow(), true, "http.title", h.title(), h.ts());
        if (h.wwwAuthenticate() != null) {
            String realm = realm(h.wwwAuthenticate());
            observe(h.flow(), true, "http.realm", realm, h.ts());
        }
    }

    private void tlsClient(TlsClientHello t) {
        if (t.sni() != null) {
            observe(t.flow(), false, "tls.sni", t.sni().toLowerCase(Locale.ROOT), t.ts());
        }
        observe(t.flow(), false, "tls.ja3", t.ja3Hash(), t.ts());
        observe(t.flow(), false, "tls.ja4", t.ja4(), t.ts());
    }

    private void tlsCertificates(TlsCertificates t) {
        if (t.chain().isEmpty() || t.fromClient()) {
            return;
        }
        CertificateInfo leaf = t.chain().get(0);
        observe(t.flow(), true, "tls.cert_subject", leaf.subject(), t.ts());
    }

    private void snmp(SnmpMessage s) {
        if (!s.pdu().equals("response") && !s.pdu().equals("trap") && !s.pdu().equals("trapv2")) {
            return;
        }
        boolean agentIsServer = s.pdu().equals("response");
        for (SnmpMessage.VarBind v : s.varbinds()) {
            switch (v.oid()) {
                case "1.3.6.1.2.1.1.1.0" -> observe(s.flow(), agentIsServer, "snmp.sys_descr", v.value(), s.ts());
                case "1.3.6.1.2.1.1.2.0" -> observe(s.flow(), agentIsServer, "snmp.sys_object_id", v.value(), s.ts());
                case "1.3.6.1.2.1.1.5.0" -> observe(s.flow(), agentIsServer, "hostname.snmp", v.value(), s.ts());
                default -> {
                }
            }
        }
    }

    private void netbios(NetbiosName n) {
        if (n.address() == null || n.group() || (n.suffix() != 0x00 && n.suffix() != 0x20)) {
            return;
        }
        if (n.operation().equals("registration") || n.operation().equals("refresh") || n.response()) {
            AddressState a = addressAt(n.address(), n.ts());
            if (a != null) {
                a.observations.add("hostname.netbios", n.name(), n.ts(), 8);
            }
        }
    }

    private void browser(BrowserAnnouncement b) {
        // [MS-BRWS] §2.2: an announcement describes the host that sends it
        boolean server = !b.fromClient();
        observe(b.flow(), server, "hostname.netbios", b.serverName(), b.ts());
        observe(b.flow(), server, "netbios.os", b.osMajor() + "." + b.osMinor(), b.ts());
        for (String t : b.serverTypes()) {
            observe(b.flow(), server, "netbios.server_type", t, b.ts());
        }
        observe(b.flow(), server, "netbios.comment", b.comment(), b.ts());
    }

    private void wsd(WsDiscovery w) {
        if (!w.action().equals("Hello") && !w.action().endsWith("Matches")) {
            return;
        }
        // WS-Discovery 1.1 §4.1, §5.3, §6.3: Hello and the matches describe the service that sends them;
        // matches go to the prober's port, so the sender may be either end of the flow
        boolean server = !w.fromClient();
        for (String t : w.types()) {
            observe(w.flow(), server, "wsd.type", t, w.ts());
        }
        for (String s : w.scopes()) {
            observe(w.flow(), server, "wsd.scope", s, w.ts());
        }
    }

    // ---------------------------------------------------------------- helpers

    private static final String[][] SERVICE_KEYS = new String[2][65536];

    /** "tcp/443", made once per port. */
    static String serviceKey(dev.vigil.engine.flow.Transport t, int port) {
        int i = t == dev.vigil.engine.flow.Transport.TCP ? 0 : 1;
        String k = SERVICE_KEYS[i][port];
        if (k == null) {
            k = t.label() + "/" + port;
            SERVICE_KEYS[i][port] = k;
        }
        return k;
    }

    private static String join(List<Integer> l) {
        StringBuilder sb = new StringBuilder();
        for (int v : l) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(v);
        }
        return sb.toString();
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** "foo.local" → "foo"; names outside .local are not host names of the device. */
    static String localName(String name) {
        String n = stripDot(name);
        if (n.toLowerCase(Locale.ROOT).endsWith(".local")) {
            String h = n.substring(0, n.length() - 6);
            return h.isEmpty() || h.contains("._") ? null : h;
        }
        return null;
    }

    /** An LLMNR name: one label, no dots (RFC 4795 §2: LLMNR resolves single-label names); else null. */
    static String llmnrName(String name) {
        String n = stripDot(name);
        return n.isEmpty() || n.indexOf('.') >= 0 || n.startsWith("_") ? null : n;
    }

    /** "_ipp._tcp.local" → "_ipp._tcp"; subtypes ("_printer._sub._http._tcp") keep their service. */
    static String serviceType(String name) {
        String n = stripDot(name).toLowerCase(Locale.ROOT);
        if (n.endsWith(".local")) {
            n = n.substring(0, n.length() - 6);
        }
        int sub = n.indexOf("._sub.");
        if (sub >= 0) {
            n = n.substring(sub + 6);
        }
        return n;
    }

    private static String instanceName(String data, String type) {
        String d = stripDot(data);
        String t = stripDot(type);
        if (d.endsWith("." + t)) {
            return d.substring(0, d.length() - t.length() - 1).replace("\\.", ".").replace("\\ ", " ");
        }
        return null;
    }

    private static Ip reverse(String arpa) {
        String[] p = arpa.split("\\.");
        if (p.length != 6) {
            return null;
        }
        try {
            return Ip.parse(p[3] + "." + p[2] + "." + p[1] + "." + p[0]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String realm(String header) {
        int i = header.toLowerCase(Locale.ROOT).indexOf("realm=");
        if (i < 0) {
            return null;
        }
        String r = header.substring(i + 6).trim();
        if (r.startsWith("\"")) {
            int end = r.indexOf('"', 1);
            return end > 0 ? r.substring(1, end) : r.substring(1);
        }
        int comma = r.indexOf(',');
        return comma > 0 ? r.substring(0, comma) : r;
    }

    // ---------------------------------------------------------------- results

    Map<Long, StationState> stations() {
        return stations;
    }

    Map<Ip, AddressState> addresses() {
        return addresses;
    }

    InventoryConfig config() {
        return config;
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

    public long untrackedAddresses() {
        return untrackedAddresses;
    }

    /** Records a station known by its MAC alone (for measuring what a MAC tells). */
    void stationForTest(long mac) {
        StationState s = station(mac, 0);
        if (s != null) {
            s.onLink = true;
        }
    }

    /** Resolves and classifies the devices seen so far, sorted by id. */
    public List<Device> devices() {
        return new DeviceResolver(this, new LinkedHashMap<>()).resolve();
    }
}
