package dev.vigil.detect.inventory.observe;

import dev.vigil.detect.inventory.AddressState;
import dev.vigil.detect.inventory.Observer;
import dev.vigil.detect.inventory.Sightings;
import dev.vigil.detect.inventory.StationState;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import dev.vigil.engine.proto.arp.ArpMessage;
import dev.vigil.engine.proto.cdp.CdpAdvertisement;
import dev.vigil.engine.proto.lldp.LldpAdvertisement;
import dev.vigil.engine.proto.ndp.NeighborDiscovery;

/**
 * The link layer: ARP (RFC 826) and IPv6 neighbour discovery (RFC 4861) bind addresses to MACs;
 * LLDP (IEEE 802.1AB) and CDP announce a station's name, description, capabilities and management
 * addresses.
 */
public final class L2Observer implements Observer {

    @Override
    public void register(Registrations on) {
        on.read(ArpMessage.class, L2Observer::arp);
        on.read(NeighborDiscovery.class, L2Observer::ndp);
        on.read(LldpAdvertisement.class, L2Observer::lldp);
        on.read(CdpAdvertisement.class, L2Observer::cdp);
    }

    static void arp(ArpMessage a, Sightings s) {
        long sender = a.senderMac().bits();
        if (!a.senderIp().isUnspecified() && Mac.isStation(sender)) {
            s.bind(a.senderIp(), sender, a.ts());
        } else {
            StationState st = s.station(sender, a.ts());
            if (st != null) {
                st.onLink();
            }
        }
        if (a.op() == ArpMessage.REQUEST) {
            AddressState t = s.addressAt(a.targetIp(), a.ts());
            if (t != null) {
                // someone on this link asks for it: the address belongs to the local network
                t.hintLocal();
            }
        }
        if (a.vlan() != null) {
            StationState st = s.station(sender, a.ts());
            if (st != null) {
                st.vlan(a.vlan());
            }
        }
    }

    static void ndp(NeighborDiscovery n, Sightings s) {
        Mac link = n.linkAddress() != null ? n.linkAddress() : n.type() != 136 ? n.frameSrc() : null;
        Ip ip = n.boundIp();
        if (link != null && ip != null && !ip.isUnspecified()) {
            s.bind(ip, link.bits(), n.ts());
        }
        // RFC 4861 §4.2: type 134 is a router advertisement
        if (n.type() == 134 && n.frameSrc() != null) {
            StationState st = s.station(n.frameSrc().bits(), n.ts());
            if (st != null) {
                st.routerAdvertiser();
            }
        }
    }

    static void lldp(LldpAdvertisement l, Sightings s) {
        if (l.srcMac() == null) {
            return;
        }
        long mac = l.srcMac().bits();
        StationState st = s.station(mac, l.ts());
        st.onLink();
        st.observe("hostname.lldp", l.systemName(), l.ts(), 8);
        st.observe("lldp.sys_descr", l.systemDescription(), l.ts(), 8);
        for (String cap : l.enabledCapabilities().isEmpty() ? l.capabilities() : l.enabledCapabilities()) {
            st.capability(cap);
            st.observe("lldp.capability", cap, l.ts(), 16);
        }
        if (l.mudUrl() != null) {
            st.mudUrl(l.mudUrl());
        }
        for (String a : l.managementAddresses()) {
            if (a.indexOf('.') > 0 || a.indexOf(':') > 0 && a.length() > 17) {
                try {
                    Ip ip = Ip.parse(a);
                    if (!ip.isUnspecified()) {
                        s.bind(ip, mac, l.ts());
                    }
                } catch (IllegalArgumentException e) {
                    // a MAC-form management address
                }
            }
        }
        if (l.vlan() != null) {
            st.vlan(l.vlan());
        }
    }

    static void cdp(CdpAdvertisement c, Sightings s) {
        if (c.srcMac() == null) {
            return;
        }
        long mac = c.srcMac().bits();
        StationState st = s.station(mac, c.ts());
        st.onLink();
        st.observe("hostname.cdp", c.deviceId(), c.ts(), 8);
        st.observe("cdp.platform", c.platform(), c.ts(), 8);
        st.observe("cdp.software", c.softwareVersion(), c.ts(), 8);
        for (String cap : c.capabilities()) {
            st.capability(cap);
            st.observe("cdp.capability", cap, c.ts(), 16);
        }
        for (String a : c.addresses()) {
            Ip ip = Ip.parse(a);
            if (!ip.isUnspecified()) {
                s.bind(ip, mac, c.ts());
            }
        }
    }
}
