package dev.vigil.detect.segmentation;

import dev.vigil.detect.findings.Finding;
import java.util.List;
import java.util.Map;

/**
 * What a policy would have done with the observed flows.
 *
 * @param policy the policy's name
 * @param revision its revision
 * @param flows flows judged
 * @param allowed flows it would allow
 * @param denied flows it would deny
 * @param rules per rule (and per default), what it decided
 * @param devices per source device, what was decided for it
 * @param violations a {@code policy.violation} finding per device and missing entry
 * @param removals entries no flow used in the last days asked, proposed for removal
 * @param elements flows per compiled element ("GROUP#INDEX", "GROUP#default", "quarantine"), what an
 *     enforcement point's counters should show
 */
public record Simulation(String policy, String revision, long flows, long allowed, long denied, List<RuleStats> rules,
        List<DeviceStats> devices, List<Finding> violations, List<Removal> removals, Map<String, Long> elements) {

    /** One flow shown as evidence. */
    public record Sample(String time, String src, String dst, String service, String reason) {
    }

    /**
     * @param name the rule's name, or the default's ("default deny: zone cameras")
     * @param allowed flows it allowed
     * @param denied flows it denied
     * @param devices source devices it decided for (at most {@link Simulator#MAX_LISTED})
     * @param firstSeen the first flow (ISO-8601), or null
     * @param lastSeen the last flow, or null
     * @param samples the first flows, as evidence
     */
    public record RuleStats(String name, long allowed, long denied, List<String> devices, String firstSeen, String lastSeen,
            List<Sample> samples) {
    }

    /**
     * @param device the device's id
     * @param allowed its flows allowed
     * @param denied its flows denied
     * @param byReason flows per rule or default
     * @param deniedSamples the first denied flows
     */
    public record DeviceStats(String device, long allowed, long denied, Map<String, Long> byReason,
            List<Sample> deniedSamples) {
    }

    /**
     * @param rule the entry
     * @param lastUsed the last flow it decided (ISO-8601), or null when none did
     * @param why one line
     */
    public record Removal(String rule, String lastUsed, String why) {
    }

    /** The share of flows denied, 0 when there were none. */
    public double deniedShare() {
        return flows == 0 ? 0 : (double) denied / flows;
    }
}
