package dev.vigil.engine.proto.ftp;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;

/**
 * An FTP server's greeting (reply 220), which usually names the server software.
 *
 * @param ts packet time
 * @param flow the TCP flow
 * @param text the greeting without its reply code
 */
public record FtpBanner(long ts, FlowMeta flow, String text) implements FlowEvent {

    @Override
    public String kind() {
        return "ftp.banner";
    }
}
