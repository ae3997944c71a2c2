package dev.vigil.engine.decode;

/** ICMP and ICMPv6 message types that matter to flows and detectors. */
public final class IcmpTypes {

    private IcmpTypes() {
    }

    public static final int ECHO_REPLY = 0;
    public static final int DEST_UNREACHABLE = 3;
    public static final int ECHO_REQUEST = 8;
    public static final int TIME_EXCEEDED = 11;
    public static final int V6_DEST_UNREACHABLE = 1;
    public static final int V6_ECHO_REQUEST = 128;
    public static final int V6_ECHO_REPLY = 129;
    public static final int V6_ROUTER_SOLICIT = 133;
    public static final int V6_ROUTER_ADVERT = 134;
    public static final int V6_NEIGHBOR_SOLICIT = 135;
    public static final int V6_NEIGHBOR_ADVERT = 136;

    /** The request type a reply answers (echo, timestamp, info, address mask), or the type itself. */
    public static int requestOf(int protocol, int type) {
        if (protocol == Decoded.ICMP) {
            return switch (type) {
                case 0 -> 8;
                case 14 -> 13;
                case 16 -> 15;
                case 18 -> 17;
                default -> type;
            };
        }
        return switch (type) {
            case 129 -> 128;
            case 136 -> 135;
            case 134 -> 133;
            default -> type;
        };
    }

    /** True for a reply type. */
    public static boolean isReply(int protocol, int type) {
        return requestOf(protocol, type) != type;
    }

    /** Error messages (destination unreachable, time exceeded, …) that quote another packet. */
    public static boolean isError(int protocol, int type) {
        if (protocol == Decoded.ICMP) {
            return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
        }
        return type >= 1 && type <= 4;
    }
}
