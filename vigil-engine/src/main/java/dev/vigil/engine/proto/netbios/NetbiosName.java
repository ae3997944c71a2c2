package dev.vigil.engine.proto.netbios;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Ip;

/**
 * A NetBIOS name service message (RFC 1002 §4.2): a name being registered, refreshed, released
 * or looked up.
 *
 * @param ts packet time
 * @param flow the UDP flow (port 137)
 * @param operation "query", "registration", "release", "refresh" or "wack"
 * @param response a response rather than a request
 * @param name the NetBIOS name, trailing spaces removed
 * @param suffix the 16th byte: 0x00 workstation, 0x20 file server, 0x1b/0x1d browser roles, …
 * @param group a group (not unique) name
 * @param address the address bound to the name in the message, or null
 */
public record NetbiosName(long ts, FlowMeta flow, String operation, boolean response, String name, int suffix,
        boolean group, Ip address) implements FlowEvent {

    @Override
    public String kind() {
        return "netbios.name";
    }
}
