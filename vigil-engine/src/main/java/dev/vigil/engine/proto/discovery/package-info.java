/**
 * Vendors' own discovery protocols, in which a device tells its maker's app who it is: Ubiquiti
 * Discovery (UDP 10001), the TP-Link Kasa smart-home protocol (TCP and UDP 9999) and the Tuya LAN
 * discovery broadcast (UDP 6666, 6667). Each reply
 * becomes a {@link dev.vigil.engine.proto.discovery.VendorIdentity}, the sender's.
 */
package dev.vigil.engine.proto.discovery;
