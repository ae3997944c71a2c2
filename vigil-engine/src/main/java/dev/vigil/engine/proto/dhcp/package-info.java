/**
 * DHCPv4 (RFC 2131; options RFC 2132, client FQDN RFC 4702, user class RFC 3004, MUD URL RFC 8520
 * §9; option overload RFC 2132 §9.3). {@link dev.vigil.engine.proto.dhcp.DhcpParser} is pure; the
 * parameter request list and option order it records are the classic DHCP device fingerprint.
 */
package dev.vigil.engine.proto.dhcp;
