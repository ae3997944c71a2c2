package dev.vigil.engine.proto.ftp;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;

/**
 * A file transfer command (RETR, STOR, STOU, APPE).
 *
 * @param ts packet time
 * @param flow the control connection
 * @param command the command
 * @param path its argument
 */
public record FtpTransfer(long ts, FlowMeta flow, String command, String path) implements FlowEvent {

    @Override
    public String kind() {
        return "ftp.transfer";
    }
}
