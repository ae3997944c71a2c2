package dev.vigil.engine.decode;

import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;

/**
 * The decoded headers of one packet: a mutable view the decoder refills for every packet, holding
 * offsets into the reader's buffer and header fields as primitives. Valid until the next packet.
 * Fields are public: this is the hot path's flyweight, written only by {@link PacketDecoder}.
 */
public final class Decoded {

    public static final int L2_NONE = 0;
    public static final int L2_IPV4 = 1;
    public static final int L2_IPV6 = 2;
    public static final int L2_ARP = 3;
    public static final int L2_LLDP = 4;
    public static final int L2_CDP = 5;
    public static final int L2_OTHER = 6;
    /** PROFINET real-time frames (ethertype 0x8892; index 7 counts undecoded frames). */
    public static final int L2_PROFINET = 8;

    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMP = 1;
    public static final int ICMPV6 = 58;

    public static final int TCP_FIN = 0x01;
    public static final int TCP_SYN = 0x02;
    public static final int TCP_RST = 0x04;
    public static final int TCP_PSH = 0x08;
    public static final int TCP_ACK = 0x10;
    public static final int TCP_URG = 0x20;
    public static final int TCP_ECE = 0x40;
    public static final int TCP_CWR = 0x80;

    /** The frame's buffer (the reader's). */
    public byte[] data;
    public long ts;
    public int wireLength;
    public int capturedLength;
    /** The capture holds fewer bytes than the wire carried (snap length). */
    public boolean truncated;

    public long srcMac;
    public long dstMac;
    /** Outer 802.1Q VLAN id, or -1. */
    public int vlan;
    /** Inner (QinQ) VLAN id, or -1. */
    public int innerVlan;
    /** Ethertype after VLAN tags and encapsulations, or 0. */
    public int etherType;
    /** What follows layer 2: one of the {@code L2_*} constants. */
    public int l2Protocol;
    /** Offset and captured length of what follows the layer-2 header (for ARP, LLDP, CDP). */
    public int l2PayloadOffset;
    public int l2PayloadLength;

    public int arpOp;
    public long arpSenderMac;
    public int arpSenderIp;
    public long arpTargetMac;
    public int arpTargetIp;

    /** 4, 6, or 0 when the packet has no IP header. */
    public int ipVersion;
    public int l3Offset;
    public long srcHi;
    public long srcLo;
    public long dstHi;
    public long dstLo;
    public int ttl;
    /** IPv4 identification field (0 for IPv6). */
    public int ipId;
    public boolean fragmented;
    /** A fragment other than the first: it carries no transport header. */
    public boolean laterFragment;
    /** IP protocol / IPv6 next header of the transport, or -1. */
    public int protocol;

    /** Ports were decoded (TCP, UDP) or synthesised from ICMP type and code. */
    public boolean hasPorts;
    public int srcPort;
    public int dstPort;
    public int l4Offset;
    public int tcpFlags;
    public int tcpSeq;
    public int tcpAck;
    public int tcpWindow;
    /** Urgent pointer (meaningful only with URG; conforming senders leave it zero otherwise). */
    public int tcpUrgent;
    /** The three reserved header bits (RFC 9293 §3.1, "must be zero"; not the AE bit before CWR). */
    public int tcpReserved;
    /** Captured TCP option bytes (may be cut by the snap length). */
    public int tcpOptionsOffset;
    public int tcpOptionsLength;
    public int icmpType;
    public int icmpCode;

    /** Transport payload: offset and bytes present in the capture, and the length on the wire. */
    public int payloadOffset;
    public int payloadCaptured;
    public int payloadLength;

    void reset(byte[] data, long ts, int wireLength, int capturedLength) {
        this.data = data;
        this.ts = ts;
        this.wireLength = wireLength;
        this.capturedLength = capturedLength;
        this.truncated = capturedLength < wireLength;
        srcMac = Mac.NONE;
        dstMac = Mac.NONE;
        vlan = -1;
        innerVlan = -1;
        etherType = 0;
        l2Protocol = L2_NONE;
        l2PayloadOffset = 0;
        l2PayloadLength = 0;
        ipVersion = 0;
        fragmented = false;
        laterFragment = false;
        protocol = -1;
        hasPorts = false;
        srcPort = 0;
        dstPort = 0;
        tcpFlags = 0;
        tcpUrgent = 0;
        tcpReserved = 0;
        icmpType = -1;
        icmpCode = -1;
        payloadOffset = 0;
        payloadCaptured = 0;
        payloadLength = 0;
        tcpOptionsLength = 0;
        ttl = 0;
        ipId = 0;
    }

    public boolean isTcp() {
        return protocol == TCP && hasPorts;
    }

    public boolean isUdp() {
        return protocol == UDP && hasPorts;
    }

    public Ip srcIp() {
        return new Ip(srcHi, srcLo);
    }

    public Ip dstIp() {
        return new Ip(dstHi, dstLo);
    }
}
