package dev.vigil.engine.proto.ssdp;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;
import java.util.Map;

/**
 * An SSDP message (UPnP Device Architecture 2.0 §1): a search, an announcement or a search response.
 *
 * @param ts packet time
 * @param flow the UDP flow
 * @param fromClient sent by the flow's client (else by its server): a response and its SERVER and
 *     LOCATION describe its sender
 * @param method "M-SEARCH", "NOTIFY" or "RESPONSE"
 * @param target search target (ST) or notification type (NT)
 * @param subtype NTS ("ssdp:alive", "ssdp:byebye")
 * @param usn unique service name ("uuid:…::urn:…")
 * @param location URL of the device description
 * @param server SERVER header: "OS/version UPnP/1.0 product/version"
 * @param userAgent USER-AGENT of a search
 * @param headers all header fields
 */
public record SsdpMessage(long ts, FlowMeta flow, boolean fromClient, String method, String target, String subtype, String usn,
        String location, String server, String userAgent, Map<String, String> headers) implements FlowEvent {

    @Override
    public String kind() {
        return "ssdp";
    }
}
