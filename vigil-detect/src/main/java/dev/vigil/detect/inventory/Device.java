package dev.vigil.detect.inventory;

import java.util.List;
import java.util.Map;

/**
 * One device of the monitored network as the inventory reports it.
 *
 * @param id stable identifier: "mac:aa:bb:…" where layer 2 is visible, "ip:10.0.0.5" where not
 * @param mac MAC address, or null for an IP-keyed device
 * @param macRandomized the MAC is locally administered (randomised by a phone, or virtual)
 * @param ips addresses the device used, with when
 * @param vendor vendor (canonical name), or null
 * @param hostnames names the device goes by, most authoritative first
 * @param type device type (camera, printer, …, unknown)
 * @param model model, or null
 * @param firmware firmware or software version, or null
 * @param os operating system, or null
 * @param confidence confidence in the type, 0..1
 * @param attributes each attribute's value, confidence and competing candidates
 * @param evidence the observations behind the attributes, strongest first
 * @param role "router" for a station that forwards traffic for other networks, "dhcp_server", else null
 * @param servicesOffered services the device answered on
 * @param servicesUsed services the device used, by protocol
 * @param identity fingerprints: DHCP, TLS client, user agents, SSH
 * @param domains domain names the device looked up or connected to (at most 50)
 * @param traffic traffic totals
 * @param mudUrl RFC 8520 MUD URL the device announced, or null
 * @param vlans VLANs the device was seen on
 * @param firstSeen first packet time (ISO-8601)
 * @param lastSeen last packet time (ISO-8601)
 */
public record Device(String id, String mac, boolean macRandomized, List<Address> ips, String vendor,
        List<String> hostnames, String type, String model, String firmware, String os, double confidence,
        Map<String, Attribute> attributes, List<Evidence> evidence, String role, List<ServiceOffered> servicesOffered,
        List<ServiceUsed> servicesUsed, Identity identity, List<String> domains, Traffic traffic, String mudUrl,
        List<Integer> vlans, String firstSeen, String lastSeen) {

    /**
     * The one address the device is shown by everywhere (the CLI summary, the plan, the report, the
     * service): {@link DeviceNames#mainIp}; null when it has none.
     */
    public String mainAddress() {
        return DeviceNames.mainIp(this);
    }

    /**
     * @param ip the address
     * @param how how it was tied to the device: "arp", "dhcp", "ndp", "lldp", "traffic"
     * @param firstSeen first use
     * @param lastSeen last use
     */
    public record Address(String ip, String how, String firstSeen, String lastSeen) {
    }

    /**
     * @param value the winning value, or null
     * @param confidence 0..1: the winner's combined weight, lowered by the runner-up's
     * @param candidates every value suggested, with its combined weight
     * @param doubtful a runner-up scores close to the winner, or a type rests on a MAC block or cloud domain alone:
     *     the value is a guess to be checked
     */
    public record Attribute(String value, double confidence, List<Candidate> candidates, boolean doubtful) {
    }

    public record Candidate(String value, double score) {
    }

    /**
     * @param transport tcp or udp
     * @param port port
     * @param service protocol recognised on it, or null
     * @param flows connections to it
     * @param answered connections it answered
     * @param clients distinct clients (up to 64 counted)
     */
    public record ServiceOffered(String transport, int port, String service, long flows, long answered, int clients) {
    }

    public record ServiceUsed(String service, long flows) {
    }

    /**
     * @param dhcpFingerprint DHCP parameter request list ("1,3,6,15")
     * @param dhcpVendorClass DHCP vendor class
     * @param ja3 TLS client JA3 hashes
     * @param ja4 TLS client JA4 fingerprints
     * @param userAgents HTTP user agents
     * @param ssh SSH software banners
     */
    public record Identity(String dhcpFingerprint, String dhcpVendorClass, List<String> ja3, List<String> ja4,
            List<String> userAgents, List<String> ssh) {
    }

    /**
     * @param flowsOut flows the device started
     * @param flowsIn flows others started towards it
     * @param packetsOut packets sent
     * @param packetsIn packets received
     * @param bytesOut bytes sent
     * @param bytesIn bytes received
     * @param internalPeers distinct peers on the local network
     * @param externalPeers distinct peers outside it
     */
    public record Traffic(long flowsOut, long flowsIn, long packetsOut, long packetsIn, long bytesOut, long bytesIn,
            int internalPeers, int externalPeers) {
    }
}
