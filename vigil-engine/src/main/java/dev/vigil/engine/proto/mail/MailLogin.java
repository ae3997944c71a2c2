package dev.vigil.engine.proto.mail;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.event.Secret;
import dev.vigil.engine.flow.FlowMeta;

/**
 * A login attempt on a mail service.
 *
 * @param ts packet time of the server's verdict (or of the flow's end when it was not seen)
 * @param flow the TCP flow
 * @param protocol smtp, pop3 or imap
 * @param mechanism USER (POP3), LOGIN (IMAP command or SASL LOGIN), PLAIN, or another SASL mechanism
 * @param username the user name, or null when the mechanism hides it
 * @param password the password, masked when printed; null when the mechanism sends none in clear
 * @param outcome "success", "failure" or "unknown"
 */
public record MailLogin(long ts, FlowMeta flow, String protocol, String mechanism, String username, Secret password,
        String outcome) implements FlowEvent {

    @Override
    public String kind() {
        return "mail.login";
    }
}
