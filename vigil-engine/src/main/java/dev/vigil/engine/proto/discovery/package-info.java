/**
 * Vendors' own discovery protocols, in which a device tells its maker's app who it is: Ubiquiti
 * Discovery (UDP 10001) and the TP-Link Kasa smart-home protocol (TCP and UDP 9999). Each reply
 * becomes a {@link dev.vigil.engine.proto.discovery.VendorIdentity}, the sender's.
 */
package dev.vigil.engine.proto.discovery;
