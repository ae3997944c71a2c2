package dev.vigil.store.findings;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A finding as {@code findings.data} holds it (encrypted for captured credentials), version 1.
 * Documents written before versions existed have no {@code v} (read as 0) and the same shape.
 *
 * @param evidence what the detection saw, by name: plain JSON values (text, numbers, lists, maps)
 */
public record FindingDocument(
        @JsonProperty("v") int version,
        @JsonProperty("type") String type,
        @JsonProperty("severity") String severity,
        @JsonProperty("title") String title,
        @JsonProperty("device") DeviceRef device,
        @JsonProperty("peer") Peer peer,
        @JsonProperty("first_seen") String firstSeen,
        @JsonProperty("last_seen") String lastSeen,
        @JsonProperty("count") long count,
        @JsonProperty("evidence") Map<String, Object> evidence,
        @JsonProperty("standards") Standards standards,
        @JsonProperty("remediation") String remediation) {

    /** The version this code writes. */
    public static final int VERSION = 1;

    public record DeviceRef(@JsonProperty("id") String id, @JsonProperty("mac") String mac, @JsonProperty("ip") String ip,
            @JsonProperty("role") String role) {
    }

    public record Peer(@JsonProperty("ip") String ip, @JsonProperty("port") Integer port, @JsonProperty("host") String host) {
    }

    public record Standards(@JsonProperty("etsi") List<String> etsi, @JsonProperty("owasp") List<String> owasp) {
    }
}
