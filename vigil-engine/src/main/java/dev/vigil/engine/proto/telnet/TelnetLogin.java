package dev.vigil.engine.proto.telnet;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.event.Secret;
import dev.vigil.engine.flow.FlowMeta;

/**
 * A login attempt typed over telnet: the answers to the server's login and password prompts.
 *
 * @param ts packet time of the outcome (or of the flow's end when it is unknown)
 * @param flow the TCP flow
 * @param username what the client typed at the login prompt, or null when only a password was asked
 * @param password what the client typed at the password prompt, masked when printed
 * @param outcome "success", "failure" or "unknown", judged from what the server said next
 */
public record TelnetLogin(long ts, FlowMeta flow, String username, Secret password, String outcome)
        implements FlowEvent {

    @Override
    public String kind() {
        return "telnet.login";
    }
}
