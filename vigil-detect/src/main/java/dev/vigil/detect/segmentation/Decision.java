package dev.vigil.detect.segmentation;

import java.util.List;

/**
 * What the policy says of one flow, and why.
 *
 * @param allowed allowed or denied
 * @param rule the rule that decided, or null when a default or the quarantine did
 * @param reason one line: "rule cams-nvr", "default deny: zone cameras", "quarantine: dns"
 * @param trace each step of the evaluation, for people (empty when not asked for)
 * @param revision the policy revision that decided
 * @param source the source device's id, or null for an address of no device
 * @param destination the destination device's id, or null
 */
public record Decision(boolean allowed, String rule, String reason, List<String> trace, String revision,
        String source, String destination) {

    public Decision {
        trace = List.copyOf(trace);
    }

    public String verdict() {
        return allowed ? "allow" : "deny";
    }
}
