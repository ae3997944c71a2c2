/**
 * DNS-aware enforcement: rules on DNS names become set elements for the addresses that observed
 * answers gave (RFC 1035 A and AAAA records, through CNAME chains), each timing out with the
 * record's TTL plus the policy's margin, so rules follow cloud addresses that change and an address
 * never resolved stays blocked.
 */
package dev.vigil.enforce.dns;
