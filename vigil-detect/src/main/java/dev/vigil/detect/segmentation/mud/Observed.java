package dev.vigil.detect.segmentation.mud;

import dev.vigil.engine.net.Ip;

/**
 * One kind of flow a device took part in, as a MUD entry describes it: who started it, the
 * family, the protocol, how the other side is named and the port on the responder's side.
 *
 * @param initiatedByDevice the device started the flows (else the peer did)
 * @param v6 IPv6 (else IPv4)
 * @param protocol the IP protocol number
 * @param kind how the peer is named: "dns" and "ntp" (the network's controllers), "name" (a DNS
 *     name), "same-manufacturer", "local" (local-networks) or "net" (an address)
 * @param value the name or the address for "name" and "net", else null
 * @param port the responder's port (0 for protocols without ports)
 */
record Observed(boolean initiatedByDevice, boolean v6, int protocol, String kind, String value, int port) {
    static String net(Ip ip) {
        return ip + (ip.isV4() ? "/32" : "/128");
    }
}
