/**
 * Protocols recognised by signature but not dissected: industrial (Modbus/TCP, S7comm, DNP3,
 * EtherNet/IP, BACnet/IP, IEC 104, KNXnet/IP), IoT (CoAP, Tuya), management and mail. A match names
 * the flow's service and ends its inspection.
 */
package dev.vigil.engine.proto.signature;
