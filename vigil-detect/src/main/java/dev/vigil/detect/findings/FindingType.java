package dev.vigil.detect.findings;

import java.util.List;

/**
 * One entry of the finding catalogue (resource findings/catalog.json, documented in
 * docs/findings.md): what a finding type means and how much it weighs.
 *
 * @param type dotted name
 * @param severity default severity
 * @param category hygiene, exposure, vulnerability, detection
 * @param title one line
 * @param meaning what was seen
 * @param why why it matters
 * @param fix how to fix it
 * @param etsi ETSI EN 303 645 provisions
 * @param owasp OWASP IoT Top 10 (2018) items
 * @param points trust points a device loses for it
 * @param halfLifeDays how fast the loss fades once the finding stops recurring
 */
public record FindingType(String type, Severity severity, String category, String title, String meaning, String why,
        String fix, List<String> etsi, List<String> owasp, int points, int halfLifeDays) {
}
