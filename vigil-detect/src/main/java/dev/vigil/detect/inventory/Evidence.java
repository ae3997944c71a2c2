package dev.vigil.detect.inventory;

/**
 * One observation and what it suggests.
 *
 * @param source where it was seen ("dhcp.vendor_class", "dns.query", "oui", "service", "role")
 * @param observed what was seen
 * @param attribute the attribute it bears on
 * @param value the value it suggests
 * @param weight its strength (0..1)
 * @param rule the rules-file line that matched, or 0 for built-in evidence
 * @param firstSeen when it was first seen (ISO-8601), or null
 */
public record Evidence(String source, String observed, String attribute, String value, double weight, int rule,
        String firstSeen) {
}
