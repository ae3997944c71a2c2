package dev.vigil.engine.flow;

import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;

/**
 * A flow's identity as events carry it: who started it (client) and who answered (server).
 *
 * @param id flow id, unique within a run, increasing in order of creation
 * @param transport TCP, UDP, ICMP, …
 * @param ipProtocol the IP protocol number
 * @param clientIp the initiator's address
 * @param clientPort the initiator's port (ICMP: the request type)
 * @param serverIp the responder's address
 * @param serverPort the responder's port (ICMP: the code)
 * @param clientMac the initiator's MAC as seen on its frames, or null without layer 2
 * @param serverMac the responder's MAC as seen on its frames (or as the initiator's destination), or null
 * @param vlan outer VLAN id, or null
 */
public record FlowMeta(long id, Transport transport, int ipProtocol, Ip clientIp, int clientPort, Ip serverIp,
        int serverPort, Mac clientMac, Mac serverMac, Integer vlan) implements java.io.Serializable {
}
