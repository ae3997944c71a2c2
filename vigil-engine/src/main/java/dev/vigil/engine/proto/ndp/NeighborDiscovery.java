package dev.vigil.engine.proto.ndp;

import dev.vigil.engine.event.Event;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;

/**
 * An IPv6 Neighbor Discovery message (RFC 4861): router and neighbour solicitations and
 * advertisements, with the link-layer addresses they carry.
 *
 * @param ts packet time
 * @param type ICMPv6 type: 133 RS, 134 RA, 135 NS, 136 NA
 * @param frameSrc source MAC of the frame, or null
 * @param srcIp IPv6 source address
 * @param targetIp target address (NS, NA), or null
 * @param linkAddress source link-layer address option (RS, RA, NS) or target link-layer address
 *     option (NA), or null
 * @param router the NA router flag, or true for an RA
 * @param vlan outer VLAN id or null
 */
public record NeighborDiscovery(long ts, int type, Mac frameSrc, Ip srcIp, Ip targetIp, Mac linkAddress,
        boolean router, Integer vlan) implements Event {

    @Override
    public String kind() {
        return "ndp";
    }

    /** The address this message binds to {@link #linkAddress()}: the target for NA, else the source. */
    public Ip boundIp() {
        return type == 136 ? targetIp : srcIp;
    }
}
