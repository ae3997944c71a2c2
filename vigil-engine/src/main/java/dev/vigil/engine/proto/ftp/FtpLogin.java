package dev.vigil.engine.proto.ftp;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.event.Secret;
import dev.vigil.engine.flow.FlowMeta;

/**
 * An FTP login attempt (RFC 959 §4.1.1 USER/PASS).
 *
 * @param ts packet time of the server's verdict
 * @param flow the TCP flow
 * @param username the USER argument
 * @param password the PASS argument, masked when printed; null when no PASS was sent
 * @param outcome "success" (230), "failure" (530 and other 5xx), or "unknown"
 * @param replyCode the reply that decided it, or 0
 */
public record FtpLogin(long ts, FlowMeta flow, String username, Secret password, String outcome, int replyCode)
        implements FlowEvent {

    @Override
    public String kind() {
        return "ftp.login";
    }
}
