package dev.vigil.engine.proto.mail;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;

/**
 * A mail server's greeting.
 *
 * @param ts packet time
 * @param flow the TCP flow
 * @param protocol smtp, pop3 or imap
 * @param text the greeting after the status ("mx.example.org ESMTP Postfix")
 */
public record MailBanner(long ts, FlowMeta flow, String protocol, String text) implements FlowEvent {

    @Override
    public String kind() {
        return "mail.banner";
    }
}
