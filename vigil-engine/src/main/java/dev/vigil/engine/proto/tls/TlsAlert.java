package dev.vigil.engine.proto.tls;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;

/**
 * A TLS alert sent before encryption started (RFC 8446 §6).
 *
 * @param ts packet time
 * @param flow the flow
 * @param fromClient sent by the client
 * @param level 1 warning, 2 fatal
 * @param description alert code (40 handshake_failure, 70 protocol_version, …)
 */
public record TlsAlert(long ts, FlowMeta flow, boolean fromClient, int level, int description) implements FlowEvent {

    @Override
    public String kind() {
        return "tls.alert";
    }
}
