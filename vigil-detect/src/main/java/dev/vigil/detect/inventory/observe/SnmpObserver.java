package dev.vigil.detect.inventory.observe;

import dev.vigil.detect.inventory.Observer;
import dev.vigil.detect.inventory.Sightings;
import dev.vigil.engine.proto.snmp.SnmpMessage;

/**
 * SNMP (RFC 3416): an agent's system group in responses and traps (RFC 3418: sysDescr, sysObjectID,
 * sysName), which names the product and often its firmware.
 */
public final class SnmpObserver implements Observer {

    static final String SYS_DESCR = "1.3.6.1.2.1.1.1.0";
    static final String SYS_OBJECT_ID = "1.3.6.1.2.1.1.2.0";
    static final String SYS_NAME = "1.3.6.1.2.1.1.5.0";

    @Override
    public void register(Registrations on) {
        on.read(SnmpMessage.class, SnmpObserver::snmp);
    }

    static void snmp(SnmpMessage m, Sightings s) {
        if (!m.pdu().equals("response") && !m.pdu().equals("trap") && !m.pdu().equals("trapv2")) {
            return;
        }
        boolean agentIsServer = m.pdu().equals("response");
        for (SnmpMessage.VarBind v : m.varbinds()) {
            switch (v.oid()) {
                case SYS_DESCR -> s.observe(m.flow(), agentIsServer, "snmp.sys_descr", v.value(), m.ts());
                case SYS_OBJECT_ID -> s.observe(m.flow(), agentIsServer, "snmp.sys_object_id", v.value(), m.ts());
                case SYS_NAME -> s.observe(m.flow(), agentIsServer, "hostname.snmp", v.value(), m.ts());
                default -> {
                }
            }
        }
    }
}
