package dev.vigil.engine.decode;

import static dev.vigil.engine.wire.Bytes.i32;
import static dev.vigil.engine.wire.Bytes.u16;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.anomaly.Anomaly.Kind;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.net.Ip;

/**
 * The network and transport layers of {@link PacketDecoder}: IPv4, IPv6 with its extension headers,
 * TCP, UDP and ICMP, into the same reused {@link Decoded}. Allocates nothing; what contradicts itself
 * is a counted anomaly and decoding stops at the last whole layer.
 */
final class IpDecoder {

    static final int MAX_IPV6_EXT_HEADERS = 8;

    static final HeaderCut IPV4_SHORT = HeaderCut.of("ipv4", "IPv4");
    static final HeaderCut IPV6_SHORT = HeaderCut.of("ipv6", "IPv6");
    static final HeaderCut IPV6_EXT_SHORT = HeaderCut.of("ipv6_ext", "IPv6 extension");
    static final HeaderCut TCP_SHORT = HeaderCut.of("tcp", "TCP");
    static final HeaderCut UDP_SHORT = HeaderCut.of("udp", "UDP");
    static final HeaderCut ICMP_SHORT = HeaderCut.of("icmp", "ICMP");

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
    static final Anomaly TCP_BAD_OFFSET = Anomaly.declare("tcp.bad_data_offset",
            "a TCP data offset below 5 words or beyond the segment");
    static final Anomaly UDP_BAD_LENGTH = Anomaly.declare("udp.bad_length",
            "a UDP length below 8 or beyond the IP payload");

    private final AnomalyCounters anomalies;
    private Decoded d;
    private byte[] b;

    IpDecoder(AnomalyCounters anomalies) {
        this.anomalies = anomalies;
    }

    /** The frame the next calls read. */
    void begin(Decoded out, byte[] data) {
        d = out;
        b = data;
    }

    private boolean tooShort(HeaderCut s) {
        return s.count(anomalies, d);
    }

    /** RFC 791. Checksums are not verified: offloading makes them unreliable in captures. */
    boolean ipv4(int p, int end) {
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
    boolean ipv6(int p, int end) {
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
        d.tcpUrgent = u16(b, p + 18);
        d.tcpReserved = (b[p + 12] & 0x0e) >>> 1;
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
