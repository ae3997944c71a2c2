package dev.vigil.engine.flow;

import dev.vigil.engine.decode.Decoded;

/** The transport of a flow. */
public enum Transport {
    TCP, UDP, ICMP, ICMP6, OTHER;

    public static Transport of(int ipProtocol) {
        return switch (ipProtocol) {
            case Decoded.TCP -> TCP;
            case Decoded.UDP -> UDP;
            case Decoded.ICMP -> ICMP;
            case Decoded.ICMPV6 -> ICMP6;
            default -> OTHER;
        };
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
