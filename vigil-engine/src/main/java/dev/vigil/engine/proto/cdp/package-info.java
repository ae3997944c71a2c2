/**
 * Cisco Discovery Protocol v1/v2 (carried in LLC/SNAP with the Cisco OUI): device ID, platform,
 * software version, capabilities and addresses of network gear and IP phones.
 */
package dev.vigil.engine.proto.cdp;
