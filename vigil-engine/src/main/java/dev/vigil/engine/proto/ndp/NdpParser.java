package dev.vigil.engine.proto.ndp;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.decode.Decoded;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import dev.vigil.engine.wire.WireReader;

/** Parses ICMPv6 types 133–136 (RFC 4861 §4) from a decoded packet. Pure: bytes in, record out. */
public final class NdpParser {

    public static final Anomaly MALFORMED = Anomaly.declare("ndp.malformed",
            "a Neighbor Discovery message shorter than its fixed part, or with an option of length zero or cut short");

    private final WireReader r = new WireReader();

    /**
     * Returns the message, or null when it is malformed (counted by the caller). Every field is read
     * through the bounds-checked reader and the message is believed only when all of it was there.
     */
    public NeighborDiscovery parse(Decoded d) {
        int type = d.icmpType;
        int fixed = switch (type) {
            case 133 -> 0;
            case 134 -> 8;
            case 135, 136 -> 16;
            default -> -1;
        };
        if (fixed < 0) {
            return null;
        }
        // the ICMPv6 header is 4 bytes; the decoder's payload starts after 8, which for ND is the
        // 4-byte header plus the first 4 bytes of the body (reserved/flags)
        int start = d.l4Offset;
        int len = d.payloadCaptured + (d.payloadOffset - start);
        r.reset(d.data, start, len);
        r.skip(4);
        long flags = r.u32();
        Ip target = null;
        if (fixed == 16) {
            target = r.ip6();
        } else {
            r.skip(fixed);
        }
        if (!r.ok()) {
            return null;
        }
        Mac link = null;
        // RFC 4861 §4.6: options are type, length in units of 8 bytes (0 is invalid), value
        while (r.remaining() > 0) {
            int optType = r.u8();
            int optLen = r.u8() * 8;
            if (!r.ok() || optLen == 0) {
                return null;
            }
            if ((optType == 1 || optType == 2) && optLen >= 8) {
                long mac = r.u48();
                r.skip(optLen - 8);
                if (r.ok()) {
                    link = Mac.of(mac);
                }
            } else {
                r.skip(optLen - 2);
            }
        }
        if (!r.ok()) {
            return null;
        }
        boolean router = type == 134 || (type == 136 && (flags & 0x8000_0000L) != 0);
        return new NeighborDiscovery(d.ts, type, Mac.isStation(d.srcMac) ? Mac.of(d.srcMac) : null,
                d.srcIp(), target, link, router, d.vlan < 0 ? null : d.vlan);
    }
}
