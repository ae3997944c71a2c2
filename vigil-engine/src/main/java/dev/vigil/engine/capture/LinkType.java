package dev.vigil.engine.capture;

/**
 * Link-layer header types Vigil decodes (tcpdump.org linktypes registry). Others are counted and
 * skipped.
 */
public final class LinkType {

    private LinkType() {
    }

    /** BSD loopback: 4-byte address family in the writer's byte order. */
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    /** Raw IP on OpenBSD/Linux DLT 12 (some captures use 14 for the same). */
    public static final int RAW_DLT12 = 12;
    public static final int RAW_DLT14 = 14;
    /** BSD loopback with a network-order address family (OpenBSD DLT_LOOP). */
    public static final int LOOP = 108;
    public static final int RAW = 101;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    public static String name(int linkType) {
        return switch (linkType) {
            case NULL -> "null";
            case ETHERNET -> "ethernet";
            case RAW_DLT12, RAW_DLT14, RAW -> "raw";
            case LOOP -> "loop";
            case LINUX_SLL -> "linux_sll";
            case LINUX_SLL2 -> "linux_sll2";
            case IPV4 -> "ipv4";
            case IPV6 -> "ipv6";
            case 127 -> "ieee802_11_radiotap";
            case 105 -> "ieee802_11";
            case 195, 215, 230 -> "ieee802_15_4";
            default -> "linktype_" + linkType;
        };
    }

    public static boolean supported(int linkType) {
        return switch (linkType) {
            case NULL, ETHERNET, RAW_DLT12, RAW_DLT14, LOOP, RAW, LINUX_SLL, LINUX_SLL2, IPV4, IPV6 -> true;
            default -> false;
        };
    }
}
