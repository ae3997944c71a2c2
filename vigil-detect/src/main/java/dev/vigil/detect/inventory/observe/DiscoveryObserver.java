package dev.vigil.detect.inventory.observe;

import dev.vigil.detect.inventory.AddressState;
import dev.vigil.detect.inventory.Observer;
import dev.vigil.detect.inventory.Sightings;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import dev.vigil.engine.proto.dns.DnsMessage;
import dev.vigil.engine.proto.netbios.BrowserAnnouncement;
import dev.vigil.engine.proto.netbios.NetbiosName;
import dev.vigil.engine.proto.ssdp.SsdpMessage;
import dev.vigil.engine.proto.upnp.UpnpDescription;
import dev.vigil.engine.proto.wsd.WsDiscovery;

/**
 * What devices announce about themselves on the local network: multicast DNS and DNS-SD (RFC 6762,
 * RFC 6763), LLMNR (RFC 4795), SSDP and UPnP descriptions (UPnP Device Architecture 2.0),
 * WS-Discovery 1.1, NetBIOS names (RFC 1002) and browser announcements ([MS-BRWS]). An answer or an
 * announcement describes its sender, not the asker; a unicast answer goes to the asker's port, so
 * the sender may be either end of the flow.
 */
public final class DiscoveryObserver implements Observer {

    @Override
    public void register(Registrations on) {
        on.read(DnsMessage.class, DiscoveryObserver::multicastDns);
        on.read(SsdpMessage.class, DiscoveryObserver::ssdp);
        on.read(UpnpDescription.class, DiscoveryObserver::upnp);
        on.read(WsDiscovery.class, DiscoveryObserver::wsd);
        on.read(NetbiosName.class, DiscoveryObserver::netbios);
        on.read(BrowserAnnouncement.class, DiscoveryObserver::browser);
    }

    /** mDNS and LLMNR: responses describe the responder; queries hint at what the asker looks for. */
    static void multicastDns(DnsMessage d, Sightings s) {
        FlowMeta f = d.flow();
        if (f == null || d.protocol().equals("dns")) {
            return;
        }
        Ip sender = d.fromClient() ? f.clientIp() : f.serverIp();
        Mac senderMac = d.fromClient() ? f.clientMac() : f.serverMac();
        long mac = senderMac == null ? Mac.NONE : senderMac.bits();
        AddressState self = s.address(sender, mac);
        if (self == null) {
            return;
        }
        if (!d.response()) {
            for (DnsMessage.Question q : d.questions()) {
                if (q.type().equals("PTR") && q.name().startsWith("_")) {
                    self.observe("mdns.browse", Names.serviceType(q.name()), d.ts(), 32);
                }
            }
            return;
        }
        for (DnsMessage.ResourceRecord r : d.records()) {
            switch (r.type()) {
                case "A", "AAAA" -> address(d, r, s, self, sender, senderMac);
                case "PTR" -> {
                    String name = r.name();
                    if (name.startsWith("_") && !name.startsWith("_services._dns-sd") && r.data() != null) {
                        self.observe("mdns.service", Names.serviceType(name), d.ts(), 32);
                        String instance = Names.instanceName(r.data(), name);
                        if (instance != null) {
                            self.observe("mdns.instance", instance, d.ts(), 16);
                        }
                    }
                }
                case "SRV" -> {
                    String host = r.data() == null ? null : Names.localName(r.data().substring(r.data().lastIndexOf(' ') + 1));
                    if (host != null) {
                        self.observe("hostname.mdns", host, d.ts(), 8);
                    }
                    String name = r.name();
                    String svc = name.contains("._") ? Names.serviceType(name.substring(name.indexOf("._") + 1)) : null;
                    if (svc != null) {
                        self.observe("mdns.service", svc, d.ts(), 32);
                    }
                }
                case "TXT" -> {
                    for (String kv : r.txt()) {
                        if (kv.indexOf('=') > 0 && kv.length() < 200) {
                            self.observe("mdns.txt", kv, d.ts(), 64);
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    /** An address record: a responder answers for its own name (RFC 6762 §6), its addresses are its own. */
    private static void address(DnsMessage d, DnsMessage.ResourceRecord r, Sightings s, AddressState self, Ip sender,
            Mac senderMac) {
        // RFC 4795 §2.3: an LLMNR responder answers for its own single-label name
        String host = d.protocol().equals("llmnr") ? Names.llmnrName(r.name()) : Names.localName(r.name());
        if (host == null || r.data() == null) {
            return;
        }
        Ip ip = Ip.parse(r.data());
        AddressState a = ip.equals(sender) ? self : s.address(ip, senderMac == null ? Mac.NONE : senderMac.bits());
        if (a != null) {
            a.observe(d.protocol().equals("llmnr") ? "hostname.llmnr" : "hostname.mdns", host, d.ts(), 8);
            a.hintLocal();
            if (senderMac != null && !ip.equals(sender) && !ip.isUnspecified()) {
                s.bind(ip, senderMac.bits(), d.ts());
            }
        }
    }

    static void ssdp(SsdpMessage m, Sightings s) {
        boolean fromDevice = !m.method().equals("M-SEARCH");
        FlowMeta f = m.flow();
        if (f == null) {
            return;
        }
        // UDA 2.0 §1.2, §1.3: NOTIFY and a search response describe the device that sends them (its
        // SERVER header, its LOCATION)
        boolean server = !m.fromClient();
        if (fromDevice) {
            s.observe(f, server, "ssdp.server", m.server(), m.ts());
            if (m.target() != null && m.target().startsWith("urn:")) {
                s.observe(f, server, "ssdp.type", m.target(), m.ts());
            }
            if (m.usn() != null && m.usn().contains("::urn:")) {
                s.observe(f, server, "ssdp.type", m.usn().substring(m.usn().indexOf("::urn:") + 2), m.ts());
            }
        } else {
            s.observe(f, server, "http.user_agent", m.userAgent(), m.ts());
        }
    }

    static void upnp(UpnpDescription u, Sightings s) {
        FlowMeta f = u.flow();
        s.observe(f, true, "upnp.device_type", u.deviceType(), u.ts());
        s.observe(f, true, "upnp.manufacturer", u.manufacturer(), u.ts());
        String model = u.modelName() == null ? u.modelNumber()
                : u.modelNumber() == null || u.modelName().contains(u.modelNumber()) ? u.modelName()
                        : u.modelName() + " " + u.modelNumber();
        s.observe(f, true, "upnp.model", model, u.ts());
        s.observe(f, true, "upnp.description", u.modelDescription(), u.ts());
        s.observe(f, true, "upnp.friendly_name", u.friendlyName(), u.ts());
        s.observe(f, true, "upnp.firmware", u.firmwareVersion(), u.ts());
        for (String svc : u.serviceTypes()) {
            s.observe(f, true, "upnp.service", svc, u.ts());
        }
    }

    static void wsd(WsDiscovery w, Sightings s) {
        if (!w.action().equals("Hello") && !w.action().endsWith("Matches")) {
            return;
        }
        // WS-Discovery 1.1 §4.1, §5.3, §6.3: Hello and the matches describe the service that sends them
        boolean server = !w.fromClient();
        for (String t : w.types()) {
            s.observe(w.flow(), server, "wsd.type", t, w.ts());
        }
        for (String scope : w.scopes()) {
            s.observe(w.flow(), server, "wsd.scope", scope, w.ts());
        }
    }

    static void netbios(NetbiosName n, Sightings s) {
        if (n.address() == null || n.group() || (n.suffix() != 0x00 && n.suffix() != 0x20)) {
            return;
        }
        if (n.operation().equals("registration") || n.operation().equals("refresh") || n.response()) {
            AddressState a = s.addressAt(n.address(), n.ts());
            if (a != null) {
                a.observe("hostname.netbios", n.name(), n.ts(), 8);
            }
        }
    }

    static void browser(BrowserAnnouncement b, Sightings s) {
        // [MS-BRWS] §2.2: an announcement describes the host that sends it
        boolean server = !b.fromClient();
        s.observe(b.flow(), server, "hostname.netbios", b.serverName(), b.ts());
        s.observe(b.flow(), server, "netbios.os", b.osMajor() + "." + b.osMinor(), b.ts());
        for (String t : b.serverTypes()) {
            s.observe(b.flow(), server, "netbios.server_type", t, b.ts());
        }
        s.observe(b.flow(), server, "netbios.comment", b.comment(), b.ts());
    }
}
