package dev.vigil.detect.findings;

import java.util.List;

/**
 * One entry of the finding catalogue (resource findings/catalog.json, documented in
 * docs/findings.md): what a finding type means and how much it weighs.
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
        String urgency, boolean alert, String title, String meaning, String why,
        String fix, List<String> etsi, List<String> owasp, int points, int halfLifeDays) {
}
