package dev.vigil.detect.findings;

import java.util.List;
import java.util.Map;

/**
 * Something that makes a device weak or shows it attacked or misbehaving: one line of
 * findings.jsonl. Every finding type is documented in docs/findings.md.
 *
 * @param type dotted type from the catalogue ("credentials.cleartext.telnet")
 * @param severity info, low, medium, high or critical
 * @param title one line for people
 * @param device the device it is about
 * @param peer the other side, where there is one
 * @param firstSeen first evidence (ISO-8601)
 * @param lastSeen last evidence (ISO-8601)
 * @param count how many times it was seen
 * @param evidence what was seen (facts, secrets masked)
 * @param standards ETSI EN 303 645 provision and OWASP IoT Top 10 item
 * @param remediation what to do about it
 */
public record Finding(String type, Severity severity, String title, DeviceRef device, Peer peer, String firstSeen,
        String lastSeen, long count, Map<String, Object> evidence, Standards standards, String remediation) implements java.io.Serializable {

    /**
     * The device a finding is about, and its part in it.
     *
     * @param role "weakness" (the finding is its own weakness), "actor" (it does what the finding
     *     says), "target" (it is attacked) or "observed" (its behaviour is to be looked into): the
     *     catalogue's role for the type, turned to "target" when an actor's finding landed on its peer
     */
    public record DeviceRef(String id, String mac, String ip, String role) implements java.io.Serializable {
    }

    /** The other side of the evidence. */
    public record Peer(String ip, Integer port, String host) implements java.io.Serializable {
    }

    /**
     * @param etsi ETSI EN 303 645 provisions ("5.1-1")
     * @param owasp OWASP IoT Top 10 (2018) items ("I1")
     */
    public record Standards(List<String> etsi, List<String> owasp) implements java.io.Serializable {
    }
}
