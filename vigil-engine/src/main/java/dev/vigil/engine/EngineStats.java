package dev.vigil.engine;

import java.util.Map;

/**
 * What one pipeline saw.
 *
 * @param packets frames read
 * @param wireBytes bytes on the wire (frame lengths)
 * @param capturedBytes bytes present in the capture
 * @param truncatedPackets frames captured shorter than on the wire (normal for header-only captures)
 * @param byLayer frames by what they carried (ipv4, ipv6, arp, lldp, cdp, other, undecoded)
 * @param byTransport IP packets by transport (tcp, udp, icmp, icmp6, other, fragment)
 * @param flowsCreated flows created
 * @param flowsPeak most flows in the table at once
 * @param flowsEnded flows ended, by reason
 * @param flowsByService ended flows by recognised application protocol ("unknown" when none)
 * @param anomalies non-zero anomaly counts by name
 * @param firstPacketNanos time of the earliest packet, or 0
 * @param lastPacketNanos time of the latest packet, or 0
 */
public record EngineStats(long packets, long wireBytes, long capturedBytes, long truncatedPackets,
        Map<String, Long> byLayer, Map<String, Long> byTransport, long flowsCreated, long flowsPeak,
        Map<String, Long> flowsEnded, Map<String, Long> flowsByService, Map<String, Long> anomalies,
        long firstPacketNanos, long lastPacketNanos) {
}
