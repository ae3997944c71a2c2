package dev.vigil.engine.proto.dhcpv6;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import java.util.List;

/**
 * A DHCPv6 message (RFC 8415), unwrapped from relay messages when relayed.
 *
 * @param ts packet time
 * @param flow the UDP flow
 * @param messageType 1 SOLICIT, 2 ADVERTISE, 3 REQUEST, 7 REPLY, 11 INFORMATION-REQUEST, …
 * @param transactionId 24-bit transaction id
 * @param clientDuid option 1 as hex
 * @param duidMac link-layer address inside a DUID-LLT or DUID-LL, or null
 * @param hostname client FQDN option 39 (RFC 4704)
 * @param vendorClass option 16: enterprise number and the class data ("enterprise:text")
 * @param userClass option 15 as text
 * @param optionRequest option 6 (ORO): the requested option codes in order (a fingerprint)
 * @param optionOrder codes of all top-level options in wire order
 * @param mudUrl option 112 (RFC 8520 §9)
 * @param addresses addresses offered or requested in IA_NA/IA_TA options
 * @param relayed whether the message arrived inside a RELAY-FORW/RELAY-REPL
 */
public record Dhcpv6Message(long ts, FlowMeta flow, int messageType, int transactionId, String clientDuid,
        Mac duidMac, String hostname, String vendorClass, String userClass, List<Integer> optionRequest,
        List<Integer> optionOrder, String mudUrl, List<Ip> addresses, boolean relayed) implements FlowEvent {

    @Override
    public String kind() {
        return "dhcpv6";
    }
}
