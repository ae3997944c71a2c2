package dev.vigil.engine.proto.ssh;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;

/**
 * An SSH identification string (RFC 4253 §4.2): "SSH-protoversion-softwareversion comments".
 *
 * @param ts packet time
 * @param flow the TCP flow
 * @param fromClient sent by the client
 * @param protocolVersion "2.0", "1.99", "1.5"
 * @param software software version ("OpenSSH_7.4p1", "dropbear_2014.63")
 * @param comments text after the first space, or null
 */
public record SshBanner(long ts, FlowMeta flow, boolean fromClient, String protocolVersion, String software,
        String comments) implements FlowEvent {

    @Override
    public String kind() {
        return "ssh.banner";
    }
}
