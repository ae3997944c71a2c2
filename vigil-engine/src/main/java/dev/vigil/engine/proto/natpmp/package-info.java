/** NAT-PMP (RFC 6886) and PCP (RFC 6887): port-mapping requests that devices send their gateway. */
package dev.vigil.engine.proto.natpmp;
