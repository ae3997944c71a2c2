package dev.vigil.detect.inventory.observe;

import dev.vigil.detect.inventory.Observer;
import dev.vigil.detect.inventory.Sightings;
import dev.vigil.engine.proto.snmp.SnmpMessage;

/**
 * SNMP (RFC 3416): an agent's system group in responses and traps (RFC 3418: sysDescr, sysObjectID,
 * sysName), which names the product and often its firmware; the ENTITY-MIB's first physical entity
 * (RFC 6933 entPhysicalTable, index 1: the chassis or stack on switches, routers and firewalls),
 * whose model name, software and firmware revisions and manufacturer a management station reads
 * when it inventories the network; and any answer of the Printer MIB (RFC 3805), which only printers
 * implement. An exception value or an error answer says nothing.
 */
public final class SnmpObserver implements Observer {

    static final String SYS_DESCR = "1.3.6.1.2.1.1.1.0";
    static final String SYS_OBJECT_ID = "1.3.6.1.2.1.1.2.0";
    static final String SYS_NAME = "1.3.6.1.2.1.1.5.0";
    /** entPhysicalEntry (RFC 6933): column, then the entity's index. */
    static final String ENTITY = "1.3.6.1.2.1.47.1.1.1.1.";
    /** The Printer MIB's subtree (RFC 3805, printmib). */
    static final String PRINTER_MIB = "1.3.6.1.2.1.43.";

    @Override
    public void register(Registrations on) {
        on.read(SnmpMessage.class, SnmpObserver::snmp);
    }

    static void snmp(SnmpMessage m, Sightings s) {
        if (!m.pdu().equals("response") && !m.pdu().equals("trap") && !m.pdu().equals("trapv2")) {
            return;
        }
        boolean agentIsServer = m.pdu().equals("response");
        boolean printer = false;
        for (SnmpMessage.VarBind v : m.varbinds()) {
            switch (v.oid()) {
                case SYS_DESCR -> s.observe(m.flow(), agentIsServer, "snmp.sys_descr", v.value(), m.ts());
                case SYS_OBJECT_ID -> s.observe(m.flow(), agentIsServer, "snmp.sys_object_id", v.value(), m.ts());
                case SYS_NAME -> s.observe(m.flow(), agentIsServer, "hostname.snmp", v.value(), m.ts());
                default -> {
                    if (m.errorStatus() != 0 || !answered(v)) {
                        continue;
                    }
                    String source = entity(v.oid());
                    if (source != null && v.type().equals("string")) {
                        s.observe(m.flow(), agentIsServer, source, v.value().strip(), m.ts());
                    } else if (!printer && v.oid().startsWith(PRINTER_MIB)) {
                        printer = true;
                        s.observe(m.flow(), agentIsServer, "snmp.mib", "printer", m.ts());
                    }
                }
            }
        }
    }

    /** A value the agent has (not an SNMPv2 exception, not the empty value of a request or an error). */
    static boolean answered(SnmpMessage.VarBind v) {
        return switch (v.type()) {
            case "null", "nosuchobject", "nosuchinstance", "endofmibview" -> false;
            default -> v.value() != null && !v.value().isBlank();
        };
    }

    /**
     * The source for a column of the first physical entity (entPhysicalModelName, -SoftwareRev,
     * -FirmwareRev, -MfgName of index 1), else null: other entities are modules, ports, fans and
     * transceivers, each with a model of its own.
     */
    static String entity(String oid) {
        if (!oid.startsWith(ENTITY) || !oid.endsWith(".1")) {
            return null;
        }
        return switch (oid.substring(ENTITY.length(), oid.length() - 2)) {
            case "13" -> "snmp.entity.model";
            case "10" -> "snmp.entity.software";
            case "9" -> "snmp.entity.firmware";
            case "12" -> "snmp.entity.vendor";
            default -> null;
        };
    }
}
