package dev.vigil.server.api.findings;

import dev.vigil.store.packets.KeptPackets;

/**
 * What is kept of the packets behind a finding.
 *
 * @param bytes the pcap's size
 * @param updated when it was stored (epoch ms)
 */
public record PacketsView(long packets, long flows, int bytes, long updated) {

    public static PacketsView of(KeptPackets k) {
        return new PacketsView(k.packets(), k.flows(), k.bytes(), k.updated());
    }
}
