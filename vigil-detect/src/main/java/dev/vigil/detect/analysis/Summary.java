package dev.vigil.detect.analysis;

import java.util.List;
import java.util.Map;

/**
 * summary.json: what an analysis read and found.
 *
 * @param vigilVersion version of Vigil that wrote it
 * @param inputs the inputs, with their formats, packet counts and time spans
 * @param warnings what the reader should know about the inputs (time stamps that cannot be real)
 * @param packets frames read
 * @param bytes bytes on the wire
 * @param flows flows seen
 * @param devices devices in the inventory
 * @param findings findings in total
 * @param findingGroups the findings grouped by device and weakness (finding-groups.json)
 * @param findingsByType findings by type
 * @param findingsBySeverity findings by severity
 * @param devicesByType devices by type
 * @param malformed malformed input, by anomaly name
 * @param truncated input cut by the snap length, by anomaly name (normal for header-only captures)
 * @param unsupported input Vigil counted but does not decode, by anomaly name
 * @param limits bounds that were reached, by name
 * @param notes other counted irregularities (fragments, retransmissions)
 * @param faults inputs Vigil itself failed on, by the component that failed ({@code fault.decode},
 *     {@code fault.dissector.dns}, {@code fault.detector.scan}): each cost that packet, that flow's
 *     dissection or that event for that detector, and the analysis went on
 * @param layers frames by network layer
 * @param transports IP packets by transport
 * @param services flows by application protocol
 * @param flowsEnded flows by why they ended
 * @param captureStart first packet time (ISO-8601), implausible stamps left out
 * @param captureEnd last packet time (ISO-8601), implausible stamps left out
 * @param seconds wall-clock seconds the analysis took
 * @param packetsPerSecond packets per wall-clock second
 * @param posture trust tiers, risk levels and matrix, the top of the remediation plan, programme metrics
 */
public record Summary(String vigilVersion, List<InputInfo> inputs, List<String> warnings, long packets, long bytes, long flows, int devices,
        long findings, long findingGroups, Map<String, Long> findingsByType, Map<String, Long> findingsBySeverity,
        Map<String, Long> devicesByType, Map<String, Long> malformed, Map<String, Long> truncated,
        Map<String, Long> unsupported, Map<String, Long> limits, Map<String, Long> notes, Map<String, Long> faults,
        Map<String, Long> layers,
        Map<String, Long> transports, Map<String, Long> services, Map<String, Long> flowsEnded, String captureStart,
        String captureEnd, double seconds, long packetsPerSecond, Posture posture) {

    /** Findings by type, or by severity when {@code bySeverity}. */
    public static Map<String, Long> count(List<dev.vigil.detect.findings.Finding> findings, boolean bySeverity) {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (dev.vigil.detect.findings.Finding f : findings) {
            out.merge(bySeverity ? f.severity().label() : f.type(), 1L, Long::sum);
        }
        return out;
    }

    /** Devices by type. */
    public static Map<String, Long> devicesByType(List<dev.vigil.detect.inventory.Device> devices) {
        Map<String, Long> out = new java.util.TreeMap<>();
        devices.forEach(d -> out.merge(d.type(), 1L, Long::sum));
        return out;
    }

    /**
     * The estate at a glance.
     *
     * @param trustTiers devices per trust tier
     * @param riskLevels devices per risk level
     * @param riskMatrix devices by likelihood (rows 1-5) and impact (columns 1-5)
     * @param tierChanges changes of tier during the observation (trust-events.jsonl)
     * @param topActions the remediation actions that cut the most risk (plan.json has them all)
     * @param metrics programme metrics
     */
    public record Posture(java.util.Map<String, Long> trustTiers, java.util.Map<String, Long> riskLevels, int[][] riskMatrix,
            int tierChanges, List<dev.vigil.detect.trust.RemediationPlanner.Action> topActions,
            dev.vigil.detect.trust.SecurityMetrics.Metrics metrics) {
    }

    /**
     * @param name as given on the command line
     * @param format "pcap", "pcapng+gzip", "zeek-conn", …
     * @param packets packets (or flow records) read from it
     * @param bytes input bytes read
     * @param firstPacket its first plausible time stamp (ISO-8601), or null
     * @param lastPacket its last plausible time stamp, or null
     * @param implausibleTimes packets (or records) stamped before 1990 or in the future
     */
    public record InputInfo(String name, String format, long packets, long bytes, String firstPacket, String lastPacket,
            long implausibleTimes) {

        public InputInfo(String name, String format, long packets, long bytes) {
            this(name, format, packets, bytes, null, null, 0);
        }
    }
}
