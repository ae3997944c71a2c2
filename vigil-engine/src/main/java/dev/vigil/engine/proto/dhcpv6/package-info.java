/**
 * DHCPv6 (RFC 8415; client FQDN RFC 4704; MUD URL option 112, RFC 8520 §9). Relay messages are
 * unwrapped (bounded depth); a DUID-LL/LLT yields the client's MAC even when the frame is relayed.
 */
package dev.vigil.engine.proto.dhcpv6;
