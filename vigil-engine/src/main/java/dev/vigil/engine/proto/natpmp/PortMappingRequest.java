package dev.vigil.engine.proto.natpmp;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;

/**
 * A request to a gateway to forward a port (NAT-PMP, RFC 6886 §3.3; PCP MAP, RFC 6887 §11).
 *
 * @param ts packet time
 * @param flow the UDP flow (the client asks, the gateway answers)
 * @param protocol "natpmp" or "pcp"
 * @param transport "tcp" or "udp" (PCP: the IANA protocol number as text when neither)
 * @param internalPort the client's port to be reached
 * @param externalPort the suggested external port (0: any)
 * @param lifetimeSeconds requested lifetime (0 deletes the mapping)
 */
public record PortMappingRequest(long ts, FlowMeta flow, String protocol, String transport, int internalPort,
        int externalPort, long lifetimeSeconds) implements FlowEvent {

    @Override
    public String kind() {
        return "portmap.request";
    }
}
