package dev.vigil.engine.proto.netbios;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;
import java.util.List;

/**
 * A Windows browser host announcement ([MS-BRWS] §2.2.1/2.2.6), sent by Windows hosts, Samba
 * servers, NAS boxes and printers over the NetBIOS datagram service.
 *
 * @param ts packet time
 * @param flow the UDP flow (port 138)
 * @param fromClient sent by the flow's client (else by its server): the announcing host
 * @param serverName the announcing host's name
 * @param osMajor OS version major (6.1 = Windows 7, 10.0 = Windows 10, 4.9 = Samba default)
 * @param osMinor OS version minor
 * @param serverTypes server-type flags by name ("workstation", "server", "print_queue", "nt", …)
 * @param comment the host's comment (Samba puts its version here)
 */
public record BrowserAnnouncement(long ts, FlowMeta flow, boolean fromClient, String serverName, int osMajor, int osMinor,
        List<String> serverTypes, String comment) implements FlowEvent {

    @Override
    public String kind() {
        return "netbios.browser";
    }
}
