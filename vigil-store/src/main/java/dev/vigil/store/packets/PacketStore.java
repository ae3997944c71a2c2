package dev.vigil.store.packets;

import java.util.Optional;

/** The packets behind a finding: a pcap of the most recent packets of the flows it names, replaced by newer ones. */
public interface PacketStore {

    /** Stores (or replaces) a finding's packets. */
    void keep(String findingId, long packets, long flows, byte[] pcap, long now);

    /** What is kept for a finding, or empty. */
    Optional<KeptPackets> info(String findingId);

    /** The pcap kept for a finding, or empty. */
    Optional<byte[]> pcap(String findingId);
}
