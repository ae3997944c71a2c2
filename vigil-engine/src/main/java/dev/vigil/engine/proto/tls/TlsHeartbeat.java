package dev.vigil.engine.proto.tls;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;

/**
 * A heartbeat record (RFC 6520). A request whose declared payload is larger than its record, or an
 * encrypted response far larger than the request, is the signature of Heartbleed (CVE-2014-0160).
 *
 * @param ts packet time
 * @param flow the flow
 * @param fromClient sent by the client
 * @param encrypted sent after ChangeCipherSpec (contents unreadable, sizes still visible)
 * @param recordLength record length
 * @param messageType 1 request, 2 response; 0 when encrypted
 * @param payloadLength declared payload length; -1 when encrypted
 */
public record TlsHeartbeat(long ts, FlowMeta flow, boolean fromClient, boolean encrypted, int recordLength,
        int messageType, int payloadLength) implements FlowEvent {

    @Override
    public String kind() {
        return "tls.heartbeat";
    }
}
