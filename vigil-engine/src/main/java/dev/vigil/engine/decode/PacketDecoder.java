package dev.vigil.engine.decode;

import static dev.vigil.engine.wire.Bytes.i32;
import static dev.vigil.engine.wire.Bytes.u16;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.anomaly.Anomaly.Kind;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.capture.LinkType;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.net.Mac;

/**
 * Decodes link, network and transport headers into a reused {@link Decoded}. Never allocates and
 * never throws on packet content: a header that contradicts itself is a counted
 * {@link Kind#MALFORMED} anomaly, a header cut by the snap length is a {@link Kind#TRUNCATED} one,
 * and decoding stops at the last layer that was whole.
 */
public final class PacketDecoder {

    static final int ETH_HEADER = 14;
    static final int MAX_VLAN_TAGS = 4;


    private static final HeaderCut ETH_SHORT = HeaderCut.of("eth", "Ethernet");
    private static final HeaderCut VLAN_SHORT = HeaderCut.of("vlan", "802.1Q tag");
    private static final HeaderCut SLL_SHORT = HeaderCut.of("sll", "Linux cooked");
    private static final HeaderCut NULL_SHORT = HeaderCut.of("null", "BSD loopback");
    private static final HeaderCut PPPOE_SHORT = HeaderCut.of("pppoe", "PPPoE session");
    private static final HeaderCut MPLS_SHORT = HeaderCut.of("mpls", "MPLS label stack");
    private static final HeaderCut ARP_SHORT = HeaderCut.of("arp", "ARP");

    static final Anomaly UNSUPPORTED_LINK = Anomaly.declare("link.unsupported_type", Kind.UNSUPPORTED,
            "a frame of a link type Vigil does not decode (802.11, 802.15.4, …): counted and skipped");
    static final Anomaly TOO_MANY_VLAN = Anomaly.declare("vlan.too_many_tags",
            "more than " + MAX_VLAN_TAGS + " stacked VLAN tags");
    static final Anomaly NULL_FAMILY = Anomaly.declare("null.unknown_family", Kind.UNSUPPORTED,
            "a BSD loopback frame whose address family is neither IPv4 nor IPv6");
    static final Anomaly PPPOE_NON_IP = Anomaly.declare("pppoe.non_ip", Kind.UNSUPPORTED,
            "a PPPoE session frame carrying something other than IP (LCP, IPCP, …)");
    static final Anomaly ARP_UNSUPPORTED = Anomaly.declare("arp.unsupported_format", Kind.UNSUPPORTED,
            "ARP for a hardware or protocol type other than Ethernet and IPv4");
    static final Anomaly IP_BAD_VERSION = Anomaly.declare("ip.bad_version",
            "a raw-IP frame whose first nibble is neither 4 nor 6");

    private final AnomalyCounters anomalies;
    private final IpDecoder ip;
    private Decoded d;
    private byte[] b;

    public PacketDecoder(AnomalyCounters anomalies) {
        this.anomalies = anomalies;
        this.ip = new IpDecoder(anomalies);
    }

    /**
     * Decodes one frame.
     *
     * @return false when not even a link header could be decoded (the frame is counted and skipped)
     */
    public boolean decode(RawPacket raw, Decoded out) {
        d = out;
        b = raw.data;
        out.reset(raw.data, raw.timestampNanos, raw.wireLength, raw.capturedLength);
        ip.begin(out, raw.data);
        int off = raw.offset;
        int end = raw.offset + raw.capturedLength;
        return switch (raw.linkType) {
            case LinkType.ETHERNET -> ethernet(off, end);
            case LinkType.LINUX_SLL -> sll(off, end);
            case LinkType.LINUX_SLL2 -> sll2(off, end);
            case LinkType.RAW, LinkType.RAW_DLT12, LinkType.RAW_DLT14 -> rawIp(off, end);
            case LinkType.IPV4 -> ip.ipv4(off, end);
            case LinkType.IPV6 -> ip.ipv6(off, end);
            case LinkType.NULL -> bsdLoopback(off, end, false);
            case LinkType.LOOP -> bsdLoopback(off, end, true);
            default -> {
                anomalies.count(UNSUPPORTED_LINK);
                yield false;
            }
        };
    }

    private boolean tooShort(HeaderCut s) {
        return s.count(anomalies, d);
    }

    private boolean ethernet(int p, int end) {
        if (end - p < ETH_HEADER) {
            return tooShort(ETH_SHORT);
        }
        d.dstMac = Mac.read(b, p);
        d.srcMac = Mac.read(b, p + 6);
        return etherPayload(u16(b, p + 12), p + ETH_HEADER, end, 0);
    }

    private boolean etherPayload(int type, int p, int end, int tags) {
        while (type == 0x8100 || type == 0x88a8 || type == 0x9100) {
            if (end - p < 4) {
                tooShort(VLAN_SHORT);
                return true;
            }
            if (tags == MAX_VLAN_TAGS) {
                anomalies.count(TOO_MANY_VLAN);
                return true;
            }
            int vid = u16(b, p) & 0x0fff;
            if (tags == 0) {
                d.vlan = vid;
            } else if (tags == 1) {
                d.innerVlan = vid;
            }
            tags++;
            type = u16(b, p + 2);
            p += 4;
        }
        d.etherType = type;
        d.l2PayloadOffset = p;
        d.l2PayloadLength = Math.max(0, end - p);
        if (type < 0x0600) {
            return llc(p, end, tags);
        }
        switch (type) {
            case 0x0800 -> {
                ip.ipv4(p, end);
                return true;
            }
            case 0x86dd -> {
                ip.ipv6(p, end);
                return true;
            }
            case 0x0806 -> {
                arp(p, end);
                return true;
            }
            case 0x88cc -> {
                d.l2Protocol = Decoded.L2_LLDP;
                return true;
            }
            case 0x8892 -> {
                d.l2Protocol = Decoded.L2_PROFINET;
                return true;
            }
            case 0x8864 -> {
                pppoe(p, end);
                return true;
            }
            case 0x8847, 0x8848 -> {
                mpls(p, end);
                return true;
            }
            default -> {
                d.l2Protocol = Decoded.L2_OTHER;
                return true;
            }
        }
    }

    /** IEEE 802.3 length field: LLC, and SNAP for CDP (Cisco OUI, PID 0x2000) and RFC 1042 ethertypes. */
    private boolean llc(int p, int end, int tags) {
        d.l2Protocol = Decoded.L2_OTHER;
        if (end - p >= 8 && (b[p] & 0xff) == 0xaa && (b[p + 1] & 0xff) == 0xaa && b[p + 2] == 3) {
            int oui = ((b[p + 3] & 0xff) << 16) | ((b[p + 4] & 0xff) << 8) | (b[p + 5] & 0xff);
            int pid = u16(b, p + 6);
            if (oui == 0x00000c && pid == 0x2000) {
                d.l2Protocol = Decoded.L2_CDP;
                d.l2PayloadOffset = p + 8;
                d.l2PayloadLength = end - p - 8;
            } else if (oui == 0 && pid >= 0x0600) {
                return etherPayload(pid, p + 8, end, tags);
            }
        }
        return true;
    }

    /** RFC 2516 PPPoE session stage: 6-byte header, then a PPP protocol field (RFC 1661). */
    private void pppoe(int p, int end) {
        if (end - p < 8) {
            tooShort(PPPOE_SHORT);
            return;
        }
        int proto = u16(b, p + 6);
        if (proto == 0x0021) {
            ip.ipv4(p + 8, end);
        } else if (proto == 0x0057) {
            ip.ipv6(p + 8, end);
        } else {
            d.l2Protocol = Decoded.L2_OTHER;
            anomalies.count(PPPOE_NON_IP);
        }
    }

    /** RFC 3032 label stack; the payload's version nibble says IPv4 or IPv6. */
    private void mpls(int p, int end) {
        for (int i = 0; i < 8; i++) {
            if (end - p < 4) {
                tooShort(MPLS_SHORT);
                return;
            }
            boolean bottom = (b[p + 2] & 1) != 0;
            p += 4;
            if (bottom) {
                rawIp(p, end);
                return;
            }
        }
        d.l2Protocol = Decoded.L2_OTHER;
    }

    /** Linux cooked capture v1: 16-byte header; the link address is the sender's for received packets. */
    private boolean sll(int p, int end) {
        if (end - p < 16) {
            return tooShort(SLL_SHORT);
        }
        int hatype = u16(b, p + 2);
        int alen = u16(b, p + 4);
        if (hatype == 1 && alen == 6) {
            d.srcMac = Mac.read(b, p + 6);
        }
        return etherPayload(u16(b, p + 14), p + 16, end, 0);
    }

    /** Linux cooked capture v2: 20-byte header with the protocol first. */
    private boolean sll2(int p, int end) {
        if (end - p < 20) {
            return tooShort(SLL_SHORT);
        }
        int hatype = u16(b, p + 8);
        int alen = b[p + 11] & 0xff;
        if (hatype == 1 && alen == 6) {
            d.srcMac = Mac.read(b, p + 12);
        }
        return etherPayload(u16(b, p), p + 20, end, 0);
    }

    private boolean rawIp(int p, int end) {
        if (end - p < 1) {
            return tooShort(IpDecoder.IPV4_SHORT);
        }
        int v = (b[p] & 0xff) >>> 4;
        if (v == 4) {
            return ip.ipv4(p, end);
        }
        if (v == 6) {
            return ip.ipv6(p, end);
        }
        anomalies.count(IP_BAD_VERSION);
        return false;
    }

    /** BSD loopback: a 4-byte address family in the writer's byte order (NULL) or network order (LOOP). */
    private boolean bsdLoopback(int p, int end, boolean networkOrder) {
        if (end - p < 4) {
            return tooShort(NULL_SHORT);
        }
        int family = networkOrder ? i32(b, p) : (b[p] == 0 && b[p + 1] == 0 ? i32(b, p) : Integer.reverseBytes(i32(b, p)));
        if (family == 2) {
            return ip.ipv4(p + 4, end);
        }
        if (family == 24 || family == 28 || family == 30 || family == 10) {
            return ip.ipv6(p + 4, end);
        }
        anomalies.count(NULL_FAMILY);
        return false;
    }

    /** RFC 826 for Ethernet hardware and IPv4 protocol addresses. */
    private void arp(int p, int end) {
        d.l2Protocol = Decoded.L2_ARP;
        if (end - p < 8) {
            tooShort(ARP_SHORT);
            return;
        }
        int htype = u16(b, p);
        int ptype = u16(b, p + 2);
        if (htype != 1 || ptype != 0x0800 || b[p + 4] != 6 || b[p + 5] != 4) {
            anomalies.count(ARP_UNSUPPORTED);
            d.l2Protocol = Decoded.L2_OTHER;
            return;
        }
        if (end - p < 28) {
            tooShort(ARP_SHORT);
            d.l2Protocol = Decoded.L2_OTHER;
            return;
        }
        d.arpOp = u16(b, p + 6);
        d.arpSenderMac = Mac.read(b, p + 8);
        d.arpSenderIp = i32(b, p + 14);
        d.arpTargetMac = Mac.read(b, p + 18);
        d.arpTargetIp = i32(b, p + 24);
    }
}
