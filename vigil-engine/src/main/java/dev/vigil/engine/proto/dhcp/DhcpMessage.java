package dev.vigil.engine.proto.dhcp;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import java.util.List;

/**
 * A DHCPv4 message (RFC 2131, options RFC 2132). Absent options are null (lists: empty).
 *
 * @param ts packet time
 * @param flow the UDP flow
 * @param op 1 BOOTREQUEST, 2 BOOTREPLY
 * @param messageType option 53 (1 DISCOVER … 8 INFORM), 0 for plain BOOTP
 * @param xid transaction id
 * @param clientMac chaddr when the hardware type is Ethernet, else null
 * @param clientIp ciaddr (0.0.0.0 when unset)
 * @param yourIp yiaddr: the address the server assigns
 * @param relayIp giaddr
 * @param hostname option 12
 * @param vendorClass option 60 (e.g. "MSFT 5.0", "android-dhcp-9", "udhcp 1.19.4")
 * @param parameterRequestList option 55, in the order the client sent it (the DHCP fingerprint)
 * @param optionOrder codes of all options in wire order (also used in fingerprints)
 * @param clientId option 61 as hex
 * @param fqdn option 81 domain name (RFC 4702)
 * @param mudUrl option 161 (RFC 8520 §9)
 * @param requestedIp option 50
 * @param serverId option 54
 * @param subnetMask option 1
 * @param routers option 3
 * @param dnsServers option 6
 * @param leaseSeconds option 51
 * @param userClass option 77 (RFC 3004) as text
 * @param maxMessageSize option 57
 */
public record DhcpMessage(long ts, FlowMeta flow, int op, int messageType, long xid, Mac clientMac, Ip clientIp,
        Ip yourIp, Ip relayIp, String hostname, String vendorClass, List<Integer> parameterRequestList,
        List<Integer> optionOrder, String clientId, String fqdn, String mudUrl, Ip requestedIp, Ip serverId,
        Ip subnetMask, List<Ip> routers, List<Ip> dnsServers, Long leaseSeconds, String userClass,
        Integer maxMessageSize) implements FlowEvent {

    public static final int DISCOVER = 1;
    public static final int OFFER = 2;
    public static final int REQUEST = 3;
    public static final int DECLINE = 4;
    public static final int ACK = 5;
    public static final int NAK = 6;
    public static final int RELEASE = 7;
    public static final int INFORM = 8;

    @Override
    public String kind() {
        return "dhcp";
    }

    /** A message sent by a client (DISCOVER, REQUEST, DECLINE, RELEASE, INFORM). */
    public boolean fromClient() {
        return op == 1;
    }

    public String messageTypeName() {
        return switch (messageType) {
            case DISCOVER -> "DISCOVER";
            case OFFER -> "OFFER";
            case REQUEST -> "REQUEST";
            case DECLINE -> "DECLINE";
            case ACK -> "ACK";
            case NAK -> "NAK";
            case RELEASE -> "RELEASE";
            case INFORM -> "INFORM";
            case 0 -> "BOOTP";
            default -> "TYPE_" + messageType;
        };
    }
}
