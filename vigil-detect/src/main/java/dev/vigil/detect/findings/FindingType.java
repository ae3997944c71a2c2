package dev.vigil.detect.findings;

import java.util.List;
import java.util.Map;

/**
 * One entry of the finding catalogue (resource findings/catalog.json, documented in
 * docs/findings.md): what a finding type means, how much it weighs, who is accountable for it and
 * what fixes it. Everything code needs to know about a type is here, so no code names types or
 * reads the words of an evidence sentence to decide.
 *
 * @param type dotted name
 * @param severity default severity
 * @param category hygiene, exposure, vulnerability, detection
 * @param role the device's part when the finding is about the side the detector names first:
 *     "weakness" (its own weakness), "actor" (it does what the finding says: scanning, C2, spreading),
 *     "target" (it is attacked) or "observed" (behaviour to look into: anomalies, a changed identity);
 *     a finding an actor's peer ends up with (the actor is outside the network) makes that peer the
 *     target
 * @param weakness what the finding is an instance of, for grouping: types that describe one weakness
 *     (an obsolete TLS version negotiated, a client offering only obsolete versions) share it
 * @param urgency how soon it wants fixing, for the plan: "exploited" (attackers are known to use it
 *     in the wild: CISA KEV, the password lists of IoT botnets), "exposed" (a secret or a service is
 *     already out, or the device is attacked now) or "hardening"; a device in the actor role is
 *     compromised, which comes before all of them
 * @param alert whether the type raises an alert by default (the alert policy may say otherwise)
 * @param factor the trust factor it costs: hygiene, vulnerability, behavior or identity
 * @param signals what it tells the risk assessment and the metrics beyond its severity:
 *     "internet_reachable" (the device can be reached from the Internet), "known_exploited" (a
 *     vulnerability exploited in the wild, CISA KEV), "firmware_checked" (the firmware was found in
 *     the firmware catalogue), "firmware_outdated" (and is behind the newest), "firmware_vulnerable"
 *     (it has a known vulnerability)
 * @param supersedes types this one says better about the same device and peer: where both are
 *     found, only this one is reported (a flood to random ports also looks like a port scan of its
 *     victim, and the flood is what happened); a finding that names its peer only in its
 *     {@code destination} evidence is about that peer
 * @param supersedesOnDevice types this one says better about the same device whatever their peer (a
 *     reflection or flood victim's generic attack.inbound is its attack.ddos_target)
 * @param remedy what removes it, the first alternative that applies ({@link Remedy}); empty when
 *     nothing needs doing
 * @param title one line
 * @param meaning what was seen
 * @param why why it matters
 * @param fix how to fix it
 * @param etsi ETSI EN 303 645 provisions
 * @param owasp OWASP IoT Top 10 (2018) items
 * @param points trust points a device loses for it
 * @param halfLifeDays how fast the loss fades once the finding stops recurring
 */
public record FindingType(String type, Severity severity, String category, String role, String weakness,
        String urgency, boolean alert, String factor, List<String> signals, List<String> supersedes,
        List<String> supersedesOnDevice, List<Remedy> remedy,
        String title, String meaning, String why, String fix, List<String> etsi, List<String> owasp, int points,
        int halfLifeDays) {

    public FindingType {
        signals = signals == null ? List.of() : List.copyOf(signals);
        supersedes = supersedes == null ? List.of() : List.copyOf(supersedes);
        supersedesOnDevice = supersedesOnDevice == null ? List.of() : List.copyOf(supersedesOnDevice);
        remedy = remedy == null ? List.of() : List.copyOf(remedy);
    }

    /** True when the type gives this signal (see {@link #signals}). */
    public boolean signals(String signal) {
        return signals.contains(signal);
    }

    /**
     * One way of fixing a finding: the catalogue's named action, when the finding's device has this
     * role and its evidence these values.
     *
     * @param role the device's role this alternative is for, or null for any
     * @param when evidence fields and the values they must have, or empty
     * @param action the name of an action of the catalogue ({@link Action})
     * @param with values for the action's placeholders that the evidence does not give
     * @param item what this finding adds to the action's {@code {items}} list, or null
     */
    public record Remedy(String role, Map<String, String> when, String action, Map<String, String> with, String item) {

        public Remedy {
            when = when == null ? Map.of() : Map.copyOf(when);
            with = with == null ? Map.of() : Map.copyOf(with);
        }
    }

    /**
     * A remediation action of the plan, in words with placeholders ({@link RemedyText}).
     *
     * @param key what makes two findings one action (the same key is one action on a device)
     * @param text what to do
     */
    public record Action(String key, String text) {
    }
}
