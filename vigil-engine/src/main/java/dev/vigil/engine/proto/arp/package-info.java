/**
 * ARP (RFC 826, RFC 5227 probes and announcements). The decoder reads the fields; this package
 * holds the event that carries them to the inventory (address bindings) and detectors (ARP
 * spoofing, ARP scans).
 */
package dev.vigil.engine.proto.arp;
