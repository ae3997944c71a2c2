/**
 * DNS (RFC 1035; over TCP RFC 7766), multicast DNS and DNS-SD (RFC 6762, RFC 6763) and LLMNR (RFC
 * 4795). {@link dev.vigil.engine.proto.dns.DnsParser} follows compression pointers only backwards
 * and bounds names and sections; the inventory reads host names, service types and TXT records
 * from the events.
 */
package dev.vigil.engine.proto.dns;
