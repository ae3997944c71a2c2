package dev.vigil.engine.decode;

import static dev.vigil.engine.wire.Bytes.i32;
import static dev.vigil.engine.wire.Bytes.u16;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.anomaly.Anomaly.Kind;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.capture.LinkType;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.net.Ip;
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
    static final int MAX_IPV6_EXT_HEADERS = 8;

    /** A header cut short: malformed when the capture holds the whole frame, truncated when the snap length cut it. */
    private record Short(Anomaly malformed, Anomaly cut) {
        static Short of(String layer, String what) {
            return new Short(Anomaly.declare(layer + ".header_truncated", Kind.MALFORMED,
                    what + " header shorter than its minimum in a frame captured whole"),
                    Anomaly.declare("snaplen." + layer + "_header_cut", Kind.TRUNCATED,
                            what + " header cut by the capture's snap length"));
        }
    }

    private static final Short ETH_SHORT = Short.of("eth", "Ethernet");
    private static final Short VLAN_SHORT = Short.of("vlan", "802.1Q tag");
    private static final Short SLL_SHORT = Short.of("sll", "Linux cooked");
    private static final Short NULL_SHORT = Short.of("null", "BSD loopback");
    private static final Short PPPOE_SHORT = Short.of("pppoe", "PPPoE session");
    private static final Short MPLS_SHORT = Short.of("mpls", "MPLS label stack");
    private static final Short ARP_SHORT = Short.of("arp", "ARP");
    private static final Short IPV4_SHORT = Short.of("ipv4", "IPv4");
    private static final Short IPV6_SHORT = Short.of("ipv6", "IPv6");
    private static final Short IPV6_EXT_SHORT = Short.of("ipv6_ext", "IPv6 extension");
    private static final Short TCP_SHORT = Short.of("tcp", "TCP");
    private static final Short UDP_SHORT = Short.of("udp", "UDP");
    private static final Short ICMP_SHORT = Short.of("icmp", "ICMP");

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
    static final Anomaly IPV4_BAD_VERSION = Anomaly.declare("ipv4.bad_version",
            "an IPv4 ethertype whose header says another IP version");
    static final Anomaly IPV4_BAD_IHL = Anomaly.declare("ipv4.bad_header_length",
            "an IPv4 header length (IHL) below 5 words");
    static final Anomaly IPV4_BAD_TOTAL = Anomaly.declare("ipv4.bad_total_length",
            "an IPv4 total length below the header length");
    static final Anomaly IPV4_OVERLONG = Anomaly.declare("ipv4.total_length_exceeds_frame",
            "an IPv4 total length larger than the frame that carries it");
    static final Anomaly IPV4_ZERO_TOTAL = Anomaly.declare("ipv4.zero_total_length", Kind.NOTE,
            "IPv4 total length 0: a segmentation-offload packet captured on the sending host");
    static final Anomaly IPV4_FRAGMENT = Anomaly.declare("ipv4.fragment", Kind.NOTE,
            "an IPv4 fragment (not reassembled; fragments after the first carry no ports)");
    static final Anomaly IPV6_BAD_VERSION = Anomaly.declare("ipv6.bad_version",
            "an IPv6 ethertype whose header says another IP version");
    static final Anomaly IPV6_FRAGMENT = Anomaly.declare("ipv6.fragment", Kind.NOTE,
            "an IPv6 fragment (not reassembled)");
    static final Anomaly IPV6_TOO_MANY_EXT = Anomaly.declare("ipv6.too_many_ext_headers",
            "more than " + MAX_IPV6_EXT_HEADERS + " IPv6 extension headers");
    static final Anomaly IPV6_OVERLONG = Anomaly.declare("ipv6.payload_length_exceeds_frame",
            "an IPv6 payload length larger than the frame that carries it");
    static final Anomaly IP_BAD_VERSION = Anomaly.declare("ip.bad_version",
            "a raw-IP frame whose first nibble is neither 4 nor 6");
    static final Anomaly TCP_BAD_OFFSET = Anomaly.declare("tcp.bad_data_offset",
            "a TCP data offset below 5 words or beyond the segment");
    static final Anomaly UDP_BAD_LENGTH = Anomaly.declare("udp.bad_length",
            "a UDP length below 8 or beyond the IP payload");

    private final AnomalyCounters anomalies;
    private Decoded d;
    private byte[] b;

    public PacketDecoder(AnomalyCounters anomalies) {
        this.anomalies = anomalies;
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
        int off = raw.offset;
        int end = raw.offset + raw.capturedLength;
        return switch (raw.linkType) {
            case LinkType.ETHERNET -> ethernet(off, end);
            case LinkType.LINUX_SLL -> sll(off, end);
            case LinkType.LINUX_SLL2 -> sll2(off, end);
            case LinkType.RAW, LinkType.RAW_DLT12, LinkType.RAW_DLT14 -> rawIp(off, end);
            case LinkType.IPV4 -> ipv4(off, end);
            case LinkType.IPV6 -> ipv6(off, end);
            case LinkType.NULL -> bsdLoopback(off, end, false);
            case LinkType.LOOP -> bsdLoopback(off, end, true);
            default -> {
                anomalies.count(UNSUPPORTED_LINK);
                yield false;
            }
        };
    }

    private boolean tooShort(Short s) {
        anomalies.count(d.truncated ? s.cut : s.malformed);
        return false;
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
                ipv4(p, end);
                return true;
            }
            case 0x86dd -> {
                ipv6(p, end);
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
            ipv4(p + 8, end);
        } else if (proto == 0x0057) {
            ipv6(p + 8, end);
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
            return tooShort(IPV4_SHORT);
        }
        int v = (b[p] & 0xff) >>> 4;
        if (v == 4) {
            return ipv4(p, end);
        }
        if (v == 6) {
            return ipv6(p, end);
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
            return ipv4(p + 4, end);
        }
        if (family == 24 || family == 28 || family == 30 || family == 10) {
            return ipv6(p + 4, end);
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

    /** RFC 791. Checksums are not verified: offloading makes them unreliable in captures. */
    private boolean ipv4(int p, int end) {
        d.l2Protocol = Decoded.L2_IPV4;
        int avail = end - p;
        if (avail < 20) {
            return tooShort(IPV4_SHORT);
        }
        int vihl = b[p] & 0xff;
        if ((vihl >>> 4) != 4) {
            anomalies.count(IPV4_BAD_VERSION);
            return false;
        }
        int ihl = (vihl & 0x0f) * 4;
        if (ihl < 20) {
            anomalies.count(IPV4_BAD_IHL);
            return false;
        }
        int total = u16(b, p + 2);
        if (total == 0) {
            anomalies.count(IPV4_ZERO_TOTAL);
            total = avail;
        } else if (total < ihl) {
            anomalies.count(IPV4_BAD_TOTAL);
            return false;
        }
        if (avail < ihl) {
            return tooShort(IPV4_SHORT);
        }
        if (total > avail && !d.truncated) {
            // the frame was captured whole, so the missing bytes never crossed the wire: believe the frame
            anomalies.count(IPV4_OVERLONG);
            total = avail;
        }
        d.ipVersion = 4;
        d.l3Offset = p;
        d.srcHi = Ip.V4_HI;
        d.srcLo = Ip.v4Lo(i32(b, p + 12));
        d.dstHi = Ip.V4_HI;
        d.dstLo = Ip.v4Lo(i32(b, p + 16));
        d.ttl = b[p + 8] & 0xff;
        d.ipId = u16(b, p + 4);
        int proto = b[p + 9] & 0xff;
        d.protocol = proto;
        int fragField = u16(b, p + 6);
        int fragOffset = fragField & 0x1fff;
        if ((fragField & 0x2000) != 0 || fragOffset != 0) {
            d.fragmented = true;
            anomalies.count(IPV4_FRAGMENT);
            if (fragOffset != 0) {
                d.laterFragment = true;
                return true;
            }
        }
        int capEnd = Math.min(end, p + total);
        transport(proto, p + ihl, capEnd, total - ihl);
        return true;
    }

    /** RFC 8200, with the extension headers of §4 and AH (RFC 4302). */
    private boolean ipv6(int p, int end) {
        d.l2Protocol = Decoded.L2_IPV6;
        int avail = end - p;
        if (avail < 40) {
            return tooShort(IPV6_SHORT);
        }
        if (((b[p] & 0xff) >>> 4) != 6) {
            anomalies.count(IPV6_BAD_VERSION);
            return false;
        }
        int payloadLen = u16(b, p + 4);
        int next = b[p + 6] & 0xff;
        d.ipVersion = 6;
        d.l3Offset = p;
        d.ttl = b[p + 7] & 0xff;
        d.srcHi = i64(p + 8);
        d.srcLo = i64(p + 16);
        d.dstHi = i64(p + 24);
        d.dstLo = i64(p + 32);
        int wire = payloadLen == 0 ? avail - 40 : payloadLen;
        if (payloadLen > avail - 40 && !d.truncated) {
            anomalies.count(IPV6_OVERLONG);
            wire = avail - 40;
        }
        int capEnd = Math.min(end, p + 40 + wire);
        int q = p + 40;
        for (int i = 0; ; i++) {
            if (i == MAX_IPV6_EXT_HEADERS) {
                anomalies.count(IPV6_TOO_MANY_EXT);
                d.protocol = next;
                return true;
            }
            int len;
            switch (next) {
                case 0, 43, 60, 135, 139, 140 -> {
                    if (capEnd - q < 8) {
                        d.protocol = next;
                        tooShort(IPV6_EXT_SHORT);
                        return true;
                    }
                    len = ((b[q + 1] & 0xff) + 1) * 8;
                }
                case 44 -> {
                    if (capEnd - q < 8) {
                        d.protocol = next;
                        tooShort(IPV6_EXT_SHORT);
                        return true;
                    }
                    d.fragmented = true;
                    anomalies.count(IPV6_FRAGMENT);
                    if ((u16(b, q + 2) >>> 3) != 0) {
                        d.laterFragment = true;
                        d.protocol = b[q] & 0xff;
                        return true;
                    }
                    len = 8;
                }
                case 51 -> {
                    if (capEnd - q < 8) {
                        d.protocol = next;
                        tooShort(IPV6_EXT_SHORT);
                        return true;
                    }
                    len = ((b[q + 1] & 0xff) + 2) * 4;
                }
                default -> {
                    d.protocol = next;
                    transport(next, q, capEnd, wire - (q - p - 40));
                    return true;
                }
            }
            next = b[q] & 0xff;
            q += len;
            if (q > capEnd) {
                d.protocol = next;
                tooShort(IPV6_EXT_SHORT);
                return true;
            }
        }
    }

    private long i64(int p) {
        return ((long) i32(b, p) << 32) | (i32(b, p + 4) & 0xffffffffL);
    }

    private void transport(int proto, int p, int capEnd, int wireLen) {
        int avail = capEnd - p;
        d.l4Offset = p;
        switch (proto) {
            case Decoded.TCP -> tcp(p, capEnd, avail, wireLen);
            case Decoded.UDP -> udp(p, capEnd, avail, wireLen);
            case Decoded.ICMP, Decoded.ICMPV6 -> icmp(proto, p, capEnd, avail, wireLen);
            default -> {
                d.payloadOffset = p;
                d.payloadCaptured = Math.max(0, avail);
                d.payloadLength = Math.max(0, wireLen);
            }
        }
    }

    /** RFC 9293 §3.1. Options may be cut by a short snap length; the fixed header is enough. */
    private void tcp(int p, int capEnd, int avail, int wireLen) {
        if (avail < 20) {
            tooShort(TCP_SHORT);
            return;
        }
        d.srcPort = u16(b, p);
        d.dstPort = u16(b, p + 2);
        d.tcpSeq = i32(b, p + 4);
        d.tcpAck = i32(b, p + 8);
        int doff = ((b[p + 12] & 0xff) >>> 4) * 4;
        d.tcpFlags = b[p + 13] & 0xff;
        d.tcpWindow = u16(b, p + 14);
        d.hasPorts = true;
        if (doff < 20 || doff > wireLen) {
            anomalies.count(TCP_BAD_OFFSET);
            return;
        }
        d.tcpOptionsOffset = p + 20;
        d.tcpOptionsLength = Math.min(doff, avail) - 20;
        d.payloadOffset = p + doff;
        d.payloadLength = wireLen - doff;
        d.payloadCaptured = Math.max(0, Math.min(capEnd - (p + doff), d.payloadLength));
    }

    /** RFC 768. */
    private void udp(int p, int capEnd, int avail, int wireLen) {
        if (avail < 8) {
            tooShort(UDP_SHORT);
            return;
        }
        d.srcPort = u16(b, p);
        d.dstPort = u16(b, p + 2);
        d.hasPorts = true;
        int ulen = u16(b, p + 4);
        if (ulen < 8 || ulen > wireLen) {
            if (!(ulen == 0 && d.ipVersion == 6)) {
                anomalies.count(UDP_BAD_LENGTH);
            }
            ulen = wireLen;
        }
        d.payloadOffset = p + 8;
        d.payloadLength = ulen - 8;
        d.payloadCaptured = Math.max(0, Math.min(capEnd - (p + 8), d.payloadLength));
    }

    /**
     * RFC 792 / RFC 4443. ICMP has no ports; as in Zeek, the type and code stand in for them, with
     * replies mapped to their request type so both directions share one flow.
     */
    private void icmp(int proto, int p, int capEnd, int avail, int wireLen) {
        if (avail < 4) {
            tooShort(ICMP_SHORT);
            return;
        }
        int type = b[p] & 0xff;
        int code = b[p + 1] & 0xff;
        d.icmpType = type;
        d.icmpCode = code;
        d.hasPorts = true;
        int request = IcmpTypes.requestOf(proto, type);
        boolean reply = request != type;
        d.srcPort = reply ? code : request;
        d.dstPort = reply ? request : code;
        int hdr = Math.min(8, avail);
        d.payloadOffset = p + hdr;
        d.payloadLength = Math.max(0, wireLen - 8);
        d.payloadCaptured = Math.max(0, Math.min(capEnd - p - hdr, d.payloadLength));
    }
}
