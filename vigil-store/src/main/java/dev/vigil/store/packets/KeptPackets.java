package dev.vigil.store.packets;

/**
 * What is kept of a finding's packets.
 *
 * @param bytes the size of the pcap
 * @param updated when it was stored (epoch ms)
 */
public record KeptPackets(long packets, long flows, int bytes, long updated) {
}
