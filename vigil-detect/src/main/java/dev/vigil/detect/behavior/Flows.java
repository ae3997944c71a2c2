package dev.vigil.detect.behavior;

import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.net.Ip;

/** What a flow record says about a connection attempt, the same for packets and conn.log rows. */
final class Flows implements java.io.Serializable {

    private Flows() {
    }

    /**
     * The attempt did not become a conversation: TCP without data from either side and without a
     * normal close, or UDP/ICMP that got no answer (Zeek conn_state S0, REJ, RSTOS0, RSTRH, SH, SHR,
     * OTH, or RSTO/RSTR with no payload).
     */
    static boolean failed(FlowEnded f) {
        Transport t = f.flow().transport();
        if (t == Transport.TCP) {
            String s = f.connState() == null ? "" : f.connState();
            boolean noData = f.clientPayloadBytes() == 0 && f.serverPayloadBytes() == 0;
            return switch (s) {
                case "S0", "REJ", "RSTOS0", "RSTRH", "SH", "SHR" -> true;
                case "OTH", "RSTO", "RSTR", "S1" -> noData;
                default -> noData && f.serverPackets() == 0;
            };
        }
        return f.serverPackets() == 0;
    }

    /** Data went both ways (an application exchange happened). */
    static boolean conversed(FlowEnded f) {
        return f.clientPayloadBytes() > 0 && f.serverPayloadBytes() > 0;
    }

    /** An address that belongs to somebody's local network (before the inventory says which). */
    static boolean privateish(Ip ip) {
        return ip.isPrivate() || ip.isLoopback() || ip.isLinkLocal();
    }

    /** A unicast host address (not multicast, broadcast or unspecified). */
    static boolean unicast(Ip ip) {
        return ip != null && !ip.isMulticast() && !ip.isBroadcast() && !ip.isUnspecified();
    }

    static String service(FlowEnded f) {
        return f.service() != null ? f.service() : f.flow().transport().label() + "/" + f.flow().serverPort();
    }

    /** A length of time as an adjective, "12-second" or "45-minute": seconds up to two minutes. */
    static String lasting(long nanos) {
        return nanos < 120_000_000_000L ? nanos / 1_000_000_000L + "-second" : nanos / 60_000_000_000L + "-minute";
    }
}
