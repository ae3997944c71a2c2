package dev.vigil.engine.flow;

import dev.vigil.engine.decode.Decoded;
import dev.vigil.engine.decode.IcmpTypes;

/**
 * Decides, from a flow's first packet, which side started it. A TCP SYN names its sender; a
 * SYN-ACK names its receiver; otherwise (a capture that begins mid-connection, UDP) the side on a
 * well-known service port is the server.
 */
final class ClientSide {

    private ClientSide() {
    }

    static boolean srcIsClient(Decoded d) {
        if (d.protocol == Decoded.TCP && d.hasPorts) {
            int synAck = d.tcpFlags & (Decoded.TCP_SYN | Decoded.TCP_ACK);
            if (synAck == Decoded.TCP_SYN) {
                return true;
            }
            if (synAck == (Decoded.TCP_SYN | Decoded.TCP_ACK)) {
                return false;
            }
            return byPorts(d.srcPort, d.dstPort);
        }
        if (d.protocol == Decoded.UDP && d.hasPorts) {
            return byPorts(d.srcPort, d.dstPort);
        }
        if ((d.protocol == Decoded.ICMP || d.protocol == Decoded.ICMPV6) && d.icmpType >= 0) {
            return !IcmpTypes.isReply(d.protocol, d.icmpType);
        }
        return true;
    }

    private static boolean byPorts(int src, int dst) {
        boolean srcService = ServicePorts.isService(src);
        boolean dstService = ServicePorts.isService(dst);
        if (srcService != dstService) {
            return dstService;
        }
        if (srcService) {
            return src >= dst;
        }
        return true;
    }
}
