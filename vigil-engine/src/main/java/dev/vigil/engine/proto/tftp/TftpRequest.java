package dev.vigil.engine.proto.tftp;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;
import java.util.Map;

/**
 * A TFTP read or write request (RFC 1350 §5; options RFC 2347). IoT malware loaders and firmware
 * updates both use TFTP: it has no authentication and no encryption.
 *
 * @param ts packet time
 * @param flow the UDP flow to port 69
 * @param write WRQ (true) or RRQ (false)
 * @param filename requested file
 * @param mode "octet", "netascii" or "mail"
 * @param options negotiated options (blksize, tsize, …)
 */
public record TftpRequest(long ts, FlowMeta flow, boolean write, String filename, String mode,
        Map<String, String> options) implements FlowEvent {

    @Override
    public String kind() {
        return "tftp.request";
    }
}
