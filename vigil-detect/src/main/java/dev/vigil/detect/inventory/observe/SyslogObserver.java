package dev.vigil.detect.inventory.observe;

import dev.vigil.detect.inventory.Observer;
import dev.vigil.detect.inventory.Sightings;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.proto.syslog.SyslogMessage;

/**
 * What a device's syslog messages say of it (RFC 5424, RFC 3164 and the vendors' own forms): its
 * host name ({@code hostname.syslog}), the program that logs ({@code syslog.app}) and the first
 * messages' text ({@code syslog.message}), where firewalls and switches name themselves (a
 * FortiGate's {@code devid}, Cisco's {@code %FACILITY-SEVERITY-MNEMONIC}, ScreenOS's
 * {@code NetScreen device_id}); the rules read them. The message is the sender's, unless the
 * sender forwards others': a relay, or a router whose MAC carries the messages of hosts on other
 * subnets. A device whose messages name two hosts, give an address literal not its own, or carry
 * two firewall ids is that, and the resolver keeps none of what they said.
 */
public final class SyslogObserver implements Observer {

    static final String HOSTNAME = "hostname.syslog";

    @Override
    public void register(Registrations on) {
        on.read(SyslogMessage.class, SyslogObserver::syslog);
    }

    static void syslog(SyslogMessage m, Sightings s) {
        boolean server = !m.fromClient();
        if (m.hostname() != null) {
            // an address literal is not a name, but one not the sender's marks a forwarded message
            boolean literal = Ip.tryParse(m.hostname()) != null;
            s.observe(m.flow(), server, literal ? "syslog.origin" : HOSTNAME, m.hostname(), m.ts());
        }
        if (m.app() != null) {
            s.observe(m.flow(), server, "syslog.app", m.app(), m.ts());
        }
        s.observe(m.flow(), server, "syslog.message", m.text(), m.ts());
    }
}
