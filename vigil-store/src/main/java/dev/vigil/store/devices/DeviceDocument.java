package dev.vigil.store.devices;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A device as {@code devices.data} holds it, version 1: what the inventory knows of it, property by
 * property. Documents written before versions existed have no {@code v} (read as 0) and the same
 * shape as version 1.
 */
public record DeviceDocument(
        @JsonProperty("v") int version,
        @JsonProperty("id") String id,
        @JsonProperty("mac") String mac,
        @JsonProperty("mac_randomized") boolean macRandomized,
        @JsonProperty("ips") List<Address> ips,
        @JsonProperty("vendor") String vendor,
        @JsonProperty("hostnames") List<String> hostnames,
        @JsonProperty("type") String type,
        @JsonProperty("model") String model,
        @JsonProperty("firmware") String firmware,
        @JsonProperty("os") String os,
        @JsonProperty("confidence") double confidence,
        @JsonProperty("attributes") Map<String, Attribute> attributes,
        @JsonProperty("evidence") List<Evidence> evidence,
        @JsonProperty("role") String role,
        @JsonProperty("services_offered") List<ServiceOffered> servicesOffered,
        @JsonProperty("services_used") List<ServiceUsed> servicesUsed,
        @JsonProperty("identity") Identity identity,
        @JsonProperty("domains") List<String> domains,
        @JsonProperty("traffic") Traffic traffic,
        @JsonProperty("mud_url") String mudUrl,
        @JsonProperty("vlans") List<Integer> vlans,
        @JsonProperty("first_seen") String firstSeen,
        @JsonProperty("last_seen") String lastSeen) {

    /** The version this code writes. */
    public static final int VERSION = 1;

    public record Address(@JsonProperty("ip") String ip, @JsonProperty("how") String how,
            @JsonProperty("first_seen") String firstSeen, @JsonProperty("last_seen") String lastSeen) {
    }

    /** {@code doubtful} is absent from documents written before it existed, and reads as false. */
    public record Attribute(@JsonProperty("value") String value, @JsonProperty("confidence") double confidence,
            @JsonProperty("candidates") List<Candidate> candidates, @JsonProperty("doubtful") boolean doubtful) {
    }

    public record Candidate(@JsonProperty("value") String value, @JsonProperty("score") double score) {
    }

    public record Evidence(@JsonProperty("source") String source, @JsonProperty("observed") String observed,
            @JsonProperty("attribute") String attribute, @JsonProperty("value") String value,
            @JsonProperty("weight") double weight, @JsonProperty("rule") int rule,
            @JsonProperty("first_seen") String firstSeen) {
    }

    public record ServiceOffered(@JsonProperty("transport") String transport, @JsonProperty("port") int port,
            @JsonProperty("service") String service, @JsonProperty("flows") long flows,
            @JsonProperty("answered") long answered, @JsonProperty("clients") int clients) {
    }

    public record ServiceUsed(@JsonProperty("service") String service, @JsonProperty("flows") long flows) {
    }

    public record Identity(@JsonProperty("dhcp_fingerprint") String dhcpFingerprint,
            @JsonProperty("dhcp_vendor_class") String dhcpVendorClass, @JsonProperty("ja3") List<String> ja3,
            @JsonProperty("ja4") List<String> ja4, @JsonProperty("user_agents") List<String> userAgents,
            @JsonProperty("ssh") List<String> ssh) {
    }

    public record Traffic(@JsonProperty("flows_out") long flowsOut, @JsonProperty("flows_in") long flowsIn,
            @JsonProperty("packets_out") long packetsOut, @JsonProperty("packets_in") long packetsIn,
            @JsonProperty("bytes_out") long bytesOut, @JsonProperty("bytes_in") long bytesIn,
            @JsonProperty("internal_peers") int internalPeers, @JsonProperty("external_peers") int externalPeers) {
    }
}
