/**
 * Header decoding: Ethernet (802.1Q, QinQ, LLC/SNAP, PPPoE, MPLS), Linux cooked v1/v2, raw IP and
 * BSD loopback; ARP (RFC 826), IPv4 (RFC 791), IPv6 with extension headers (RFC 8200), TCP (RFC
 * 9293), UDP (RFC 768), ICMP and ICMPv6 (RFC 792, RFC 4443). Decoding fills a reused
 * {@link dev.vigil.engine.decode.Decoded}; it never allocates and never throws on packet content.
 */
package dev.vigil.engine.decode;
