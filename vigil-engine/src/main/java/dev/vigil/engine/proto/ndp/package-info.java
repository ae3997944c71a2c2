/**
 * IPv6 Neighbor Discovery (RFC 4861): router and neighbour solicitations and advertisements. The
 * link-layer address options bind IPv6 addresses to MACs for the inventory.
 */
package dev.vigil.engine.proto.ndp;
