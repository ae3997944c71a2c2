package dev.vigil.detect.segmentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a rule allows or denies at the transport layer: an IP protocol (or every one) and, for
 * protocols with ports, a destination port interval. Protocols without ports carry port 0, so a
 * decision about ICMP never depends on a port.
 *
 * @param protoLo lowest IP protocol number
 * @param protoHi highest IP protocol number (equal to {@code protoLo} for one protocol)
 * @param portLo lowest destination port
 * @param portHi highest destination port
 */
public record Service(int protoLo, int protoHi, int portLo, int portHi) {

    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMP = 1;
    public static final int ICMPV6 = 58;
    public static final int MAX_PORT = 65_535;
    public static final int MAX_PROTO = 255;

    /** Every protocol on every port. */
    public static final Service ANY = new Service(0, MAX_PROTO, 0, MAX_PORT);

    /** IANA protocol numbers whose transport header starts with a source and a destination port. */
    public static boolean hasPorts(int proto) {
        return proto == TCP || proto == UDP || proto == 33 || proto == 132 || proto == 136;
    }

    /** The port a decision uses: the destination port for protocols with ports, else 0. */
    public static int normalPort(int proto, int port) {
        return hasPorts(proto) ? port : 0;
    }

    public boolean matches(int proto, int port) {
        return proto >= protoLo && proto <= protoHi && port >= portLo && port <= portHi;
    }

    public static Service of(int proto, int port) {
        return new Service(proto, proto, port, port);
    }

    /**
     * Parses one service: {@code any}, a protocol ({@code tcp}, {@code udp}, {@code icmp},
     * {@code icmpv6}, a number) alone or with ports ({@code tcp/443}, {@code udp/53,5353},
     * {@code tcp/8000-8100}). Returns one service per port interval.
     *
     * @throws IllegalArgumentException with the problem, when it is not one
     */
    public static List<Service> parse(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.equals("any")) {
            return List.of(ANY);
        }
        int slash = t.indexOf('/');
        String protoText = slash < 0 ? t : t.substring(0, slash);
        int proto = switch (protoText) {
            case "tcp" -> TCP;
            case "udp" -> UDP;
            case "icmp" -> ICMP;
            case "icmpv6" -> ICMPV6;
            case "sctp" -> 132;
            default -> number(protoText, MAX_PROTO, "protocol");
        };
        if (slash < 0) {
            return List.of(hasPorts(proto) ? new Service(proto, proto, 0, MAX_PORT) : new Service(proto, proto, 0, 0));
        }
        if (!hasPorts(proto)) {
            throw new IllegalArgumentException("'" + text + "': protocol " + protoText + " has no ports");
        }
        List<Service> out = new ArrayList<>();
        for (String p : t.substring(slash + 1).split(",", -1)) {
            int dash = p.indexOf('-');
            int lo = number(dash < 0 ? p : p.substring(0, dash), MAX_PORT, "port");
            int hi = dash < 0 ? lo : number(p.substring(dash + 1), MAX_PORT, "port");
            if (hi < lo) {
                throw new IllegalArgumentException("'" + text + "': port range " + p + " runs backwards");
            }
            out.add(new Service(proto, proto, lo, hi));
        }
        return out;
    }

    private static int number(String s, int max, String what) {
        try {
            int n = Integer.parseInt(s);
            if (n >= 0 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + s + "' is not a " + what + (what.equals("port") ? " (0-65535)"
                : " (tcp, udp, icmp, icmpv6, sctp or a number 0-255)"));
    }

    /** The form {@link #parse} reads. */
    @Override
    public String toString() {
        if (equals(ANY)) {
            return "any";
        }
        String p = protoLo != protoHi ? protoLo + "-" + protoHi : switch (protoLo) {
            case TCP -> "tcp";
            case UDP -> "udp";
            case ICMP -> "icmp";
            case ICMPV6 -> "icmpv6";
            case 132 -> "sctp";
            default -> Integer.toString(protoLo);
        };
        if (!hasPorts(protoLo) || protoLo != protoHi || (portLo == 0 && portHi == MAX_PORT)) {
            return p;
        }
        return p + "/" + (portLo == portHi ? Integer.toString(portLo) : portLo + "-" + portHi);
    }
}
