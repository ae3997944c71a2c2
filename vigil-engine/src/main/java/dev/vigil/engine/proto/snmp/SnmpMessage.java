package dev.vigil.engine.proto.snmp;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.event.Secret;
import dev.vigil.engine.flow.FlowMeta;
import java.util.List;

/**
 * An SNMP message (RFC 1157, RFC 3416; v3 header RFC 3412/3414).
 *
 * @param ts packet time
 * @param flow the UDP flow
 * @param version "1", "2c" or "3"
 * @param community v1/v2c community string, masked when printed; null for v3
 * @param userName v3 USM user name, or null
 * @param pdu PDU type: "get", "getnext", "response", "set", "trap", "getbulk", "inform", "trapv2",
 *     "report", or "encrypted" (v3 with privacy)
 * @param requestId request id (0 for a v1 trap)
 * @param errorStatus error status (0 noError, 2 noSuchName, 16 authorizationError, …)
 * @param varbinds variable bindings (at most 64)
 */
public record SnmpMessage(long ts, FlowMeta flow, String version, Secret community, String userName, String pdu,
        long requestId, int errorStatus, List<VarBind> varbinds) implements FlowEvent {

    /**
     * @param oid object identifier in dotted form
     * @param type value type ("integer", "string", "oid", "ipaddress", "timeticks", "counter32", …)
     * @param value the value as text (strings printable, hex when binary; at most 512 characters)
     */
    public record VarBind(String oid, String type, String value) {
    }

    @Override
    public String kind() {
        return "snmp";
    }
}
