package dev.vigil.engine.proto.telnet;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;

/**
 * What a telnet server printed before its first prompt ("OpenBSD/i386 (oof) (ttyp2)",
 * "BusyBox v1.19.4 built-in shell", a router's model line).
 *
 * @param ts packet time
 * @param flow the TCP flow
 * @param text the banner, whitespace collapsed, at most 256 characters
 */
public record TelnetBanner(long ts, FlowMeta flow, String text) implements FlowEvent {

    @Override
    public String kind() {
        return "telnet.banner";
    }
}
