package dev.vigil.engine.proto.syslog;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;

/**
 * One syslog message as its sender wrote it; the message is the sender's (a relay's forwarded
 * messages name other hosts, which is how the inventory tells a relay from an originator).
 *
 * @param ts packet time
 * @param flow the flow
 * @param fromClient whether the flow's client sent it (the logging device usually is)
 * @param facility the facility of the PRI part (RFC 5424 §6.2.1), 0..23
 * @param severity the severity, 0 (emergency) .. 7 (debug)
 * @param hostname the HOSTNAME field, when the header has one: a name, or an address literal as
 *     RFC 5424 §6.2.4 allows
 * @param app the APP-NAME (RFC 5424) or TAG (RFC 3164) without its process id, or null
 * @param text the message from after the PRI part, at most {@link SyslogProtocol#MAX_TEXT} characters
 */
public record SyslogMessage(long ts, FlowMeta flow, boolean fromClient, int facility, int severity, String hostname,
        String app, String text) implements FlowEvent {

    @Override
    public String kind() {
        return "syslog";
    }
}
