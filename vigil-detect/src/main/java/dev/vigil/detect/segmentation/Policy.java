package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import java.util.List;
import java.util.Map;

/**
 * A policy as parsed from its file (docs/policy.md): zones, rules in order (exceptions first), the
 * default per zone, and the facts rules refer to (controllers, local networks, the quarantine
 * profile).
 *
 * @param name the policy's name
 * @param revision the first 12 hex digits of the SHA-256 of its canonical text: comments and
 *     spacing do not change it, any change of meaning does
 * @param defaultAllow what happens to a flow no rule matches from a source in no zone with a default
 * @param zoneDefaults per zone, allow (true) or deny (false) for flows no rule matches
 * @param membership when a classification is stable enough to join a zone
 * @param localNetworks what {@code local-networks} means
 * @param controllers addresses of each controller class, by URI
 * @param dnsMarginSeconds how long past its TTL an answer still counts
 * @param quarantine what a quarantined device may still reach
 * @param zones zones by name, in file order
 * @param templates exception templates by name (the built-in ones and the file's own)
 * @param rules every rule in evaluation order: live exceptions first, then the rules as written
 */
public record Policy(String name, String revision, boolean defaultAllow, Map<String, Boolean> zoneDefaults,
        MembershipRule membership, List<Cidr> localNetworks, Map<String, List<Ip>> controllers, long dnsMarginSeconds,
        QuarantineProfile quarantine, Map<String, Zone> zones, Map<String, Template> templates, List<Rule> rules) {

    /** RFC 1918, link-local (RFC 3927), unique-local (RFC 4193) and IPv6 link-local. */
    public static final List<Cidr> DEFAULT_LOCAL = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.168.0.0/16"), Cidr.parse("169.254.0.0/16"), Cidr.parse("fc00::/7"), Cidr.parse("fe80::/10"));

    public static final long DEFAULT_DNS_MARGIN = 60;

    public Policy {
        zoneDefaults = Map.copyOf(zoneDefaults);
        localNetworks = List.copyOf(localNetworks);
        controllers = Map.copyOf(controllers);
        zones = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(zones));
        templates = Map.copyOf(templates);
        rules = List.copyOf(rules);
    }

    public Rule rule(String name) {
        for (Rule r : rules) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    public boolean local(Ip ip) {
        for (Cidr c : localNetworks) {
            if (c.contains(ip)) {
                return true;
            }
        }
        return false;
    }
}
