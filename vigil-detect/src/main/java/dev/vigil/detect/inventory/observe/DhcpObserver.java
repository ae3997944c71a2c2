package dev.vigil.detect.inventory.observe;

import dev.vigil.detect.inventory.AddressState;
import dev.vigil.detect.inventory.Observer;
import dev.vigil.detect.inventory.Sightings;
import dev.vigil.detect.inventory.StationState;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import dev.vigil.engine.proto.dhcp.DhcpMessage;
import dev.vigil.engine.proto.dhcpv6.Dhcpv6Message;
import java.util.List;

/**
 * DHCP (RFC 2131, RFC 2132) and DHCPv6 (RFC 8415): a client's host name, vendor class, parameter
 * list and MUD URL (RFC 8520); the address a server acknowledged, its subnet, the gateways it
 * announces, and the server itself.
 */
public final class DhcpObserver implements Observer {

    @Override
    public void register(Registrations on) {
        on.read(DhcpMessage.class, DhcpObserver::dhcp);
        on.read(Dhcpv6Message.class, DhcpObserver::dhcpv6);
    }

    static void dhcp(DhcpMessage d, Sightings s) {
        long client = d.clientMac() != null ? d.clientMac().bits()
                : d.flow() != null && d.flow().clientMac() != null && d.op() == 1 ? d.flow().clientMac().bits() : Mac.NONE;
        long ts = d.ts();
        if (d.op() == 1) {
            StationState st = s.station(client, ts);
            if (st != null) {
                st.onLink();
                st.observe("hostname.dhcp", d.hostname(), ts, 8);
                st.observe("dhcp.vendor_class", d.vendorClass(), ts, 8);
                st.observe("hostname.dhcp", d.fqdn(), ts, 8);
                if (!d.parameterRequestList().isEmpty()) {
                    st.observe("dhcp.prl", join(d.parameterRequestList()), ts, 8);
                }
                st.observe("dhcp.user_class", d.userClass(), ts, 8);
                if (d.mudUrl() != null) {
                    st.mudUrl(d.mudUrl());
                }
            }
            if (!d.clientIp().isUnspecified()) {
                s.bind(d.clientIp(), client, ts);
            }
            return;
        }
        if (d.messageType() == DhcpMessage.ACK && !d.yourIp().isUnspecified() && Mac.isStation(client)) {
            s.bind(d.yourIp(), client, ts);
            if (d.subnetMask() != null) {
                int prefix = Integer.bitCount(d.subnetMask().v4());
                if (prefix >= 8 && prefix <= 30) {
                    s.learnSubnet(Cidr.around(d.yourIp(), prefix));
                }
            }
        }
        for (Ip r : d.routers()) {
            AddressState a = s.addressAt(r, ts);
            if (a != null) {
                a.hintLocal();
                a.observe("role", "dhcp-announced gateway", ts, 4);
            }
        }
        FlowMeta f = d.flow();
        if (f != null) {
            // the server sent this reply: its source is the flow endpoint that is not the client port 68
            boolean serverIsClientSide = f.clientPort() == 67;
            Mac mac = serverIsClientSide ? f.clientMac() : f.serverMac();
            StationState st = mac == null ? null : s.station(mac.bits(), ts);
            if (st != null) {
                st.dhcpServer();
                st.onLink();
            }
            Ip serverIp = d.serverId() != null ? d.serverId() : serverIsClientSide ? f.clientIp() : f.serverIp();
            if (mac != null && serverIp != null && !serverIp.isUnspecified()) {
                s.bind(serverIp, mac.bits(), ts);
            }
        }
    }

    static void dhcpv6(Dhcpv6Message d, Sightings s) {
        long mac = d.duidMac() != null ? d.duidMac().bits()
                : d.flow() != null && d.flow().clientMac() != null ? d.flow().clientMac().bits() : Mac.NONE;
        StationState st = s.station(mac, d.ts());
        if (st == null) {
            return;
        }
        st.onLink();
        st.observe("hostname.dhcpv6", d.hostname(), d.ts(), 8);
        st.observe("dhcpv6.vendor_class", d.vendorClass(), d.ts(), 8);
        if (d.mudUrl() != null) {
            st.mudUrl(d.mudUrl());
        }
        if (d.flow() != null && d.flow().clientIp() != null && d.flow().clientIp().isLinkLocal()) {
            s.bind(d.flow().clientIp(), mac, d.ts());
        }
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
}
