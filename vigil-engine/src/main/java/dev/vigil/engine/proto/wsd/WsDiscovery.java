package dev.vigil.engine.proto.wsd;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;
import java.util.List;

/**
 * A WS-Discovery message (OASIS WS-Discovery 1.1): how ONVIF cameras, WSD printers and Windows
 * hosts find each other on UDP 3702.
 *
 * @param ts packet time
 * @param flow the UDP flow
 * @param fromClient sent by the flow's client (else by its server): Hello and the matches describe
 *     their sender
 * @param action "Probe", "ProbeMatches", "Hello", "Bye", "Resolve" or "ResolveMatches"
 * @param types device types ("dn:NetworkVideoTransmitter", "wprt:PrintDeviceType", …)
 * @param scopes scope URIs; ONVIF puts hardware model, name and location here
 *     ("onvif://www.onvif.org/hardware/DS-2CD2032-I")
 * @param xaddrs transport addresses (service URLs)
 * @param endpoint the endpoint reference address ("urn:uuid:…")
 */
public record WsDiscovery(long ts, FlowMeta flow, boolean fromClient, String action, List<String> types, List<String> scopes,
        List<String> xaddrs, String endpoint) implements FlowEvent {

    @Override
    public String kind() {
        return "wsd";
    }
}
