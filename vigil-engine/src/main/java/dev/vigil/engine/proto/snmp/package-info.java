/**
 * SNMP v1, v2c and v3 (RFC 1157, 3416, 3412, 3414): community strings (masked), v3 user names,
 * PDUs and variable bindings, from which the inventory reads sysDescr, sysName and sysObjectID.
 */
package dev.vigil.engine.proto.snmp;
