/**
 * What industrial and building-automation devices say they are when asked: Modbus Read Device
 * Identification (function 43/14), the EtherNet/IP ListIdentity reply, S7comm's module and component
 * identification lists (SZL 0x0011, 0x001C) and BACnet's I-Am and device properties. Each becomes an
 * {@link dev.vigil.engine.proto.ics.IndustrialIdentity}: vendor, product, order number, firmware.
 */
package dev.vigil.engine.proto.ics;
