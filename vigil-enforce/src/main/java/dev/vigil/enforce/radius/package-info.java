/**
 * RADIUS as an enforcement point: a RADIUS server of Vigil's own that answers switches' and access
 * points' MAC authentication requests with the VLAN of the device's zone and trust tier (RFC 2865,
 * RFC 3580 section 3.31, Message-Authenticator of RFC 3579 required against CVE-2024-3596), and a
 * Change-of-Authorization client (RFC 5176) that moves a device when its VLAN changes, falling back
 * to Disconnect, with every ACK and NAK recorded. Only NASes inside an explicit {@link
 * dev.vigil.enforce.radius.NasScope} are ever sent anything.
 */
package dev.vigil.enforce.radius;
