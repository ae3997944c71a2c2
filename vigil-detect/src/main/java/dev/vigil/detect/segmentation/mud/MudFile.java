package dev.vigil.detect.segmentation.mud;

import java.util.List;

/**
 * A MUD file (RFC 8520, container {@code ietf-mud:mud}) with its access lists (RFC 8519,
 * {@code ietf-access-control-list:acls}), as far as Vigil reads and writes them.
 *
 * @param mudUrl {@code mud-url}
 * @param lastUpdate {@code last-update} (YANG date-and-time)
 * @param cacheValidity {@code cache-validity}, hours (1..168, default 48)
 * @param isSupported {@code is-supported}
 * @param systeminfo {@code systeminfo}, or null
 * @param mfgName {@code mfg-name}, or null
 * @param modelName {@code model-name}, or null
 * @param mudSignature {@code mud-signature}, or null
 * @param documentation {@code documentation}, or null
 * @param extensions {@code extensions}
 * @param fromDevice the ACLs of {@code from-device-policy}, resolved
 * @param toDevice the ACLs of {@code to-device-policy}, resolved
 */
public record MudFile(String mudUrl, String lastUpdate, int cacheValidity, boolean isSupported, String systeminfo,
        String mfgName, String modelName, String mudSignature, String documentation, List<String> extensions,
        List<Acl> fromDevice, List<Acl> toDevice) {

    /** RFC 8520's default {@code cache-validity}, hours. */
    public static final int DEFAULT_CACHE_VALIDITY = 48;
    /** The name Vigil declares in {@code extensions} when its entries carry evidence. */
    public static final String EVIDENCE_EXTENSION = "vigil-evidence";
    /** The module prefix of the evidence node in each entry. */
    public static final String EVIDENCE_NODE = "vigil-evidence:evidence";

    public MudFile {
        extensions = List.copyOf(extensions);
        fromDevice = List.copyOf(fromDevice);
        toDevice = List.copyOf(toDevice);
    }

    /**
     * @param name ACL name (1..64 characters)
     * @param v6 {@code ipv6-acl-type} (else {@code ipv4-acl-type})
     * @param aces its entries, in order
     */
    public record Acl(String name, boolean v6, List<Ace> aces) {
        public Acl {
            aces = List.copyOf(aces);
        }
    }

    /**
     * One access-control entry.
     *
     * @param name its name (1..64 characters)
     * @param matches what it matches
     * @param accept {@code forwarding} accept (else drop or reject)
     * @param evidence what Vigil saw, or null
     */
    public record Ace(String name, Matches matches, boolean accept, Evidence evidence) {
    }

    /**
     * The matches of an entry: layer 3 (protocol, networks or DNS names), the MUD abstractions, and
     * layer 4 (ports, direction-initiated). Null fields are absent.
     *
     * @param protocol IP protocol number, or null for any
     * @param srcNetwork {@code source-ipv4-network} / {@code source-ipv6-network}
     * @param dstNetwork {@code destination-ipv4-network} / {@code destination-ipv6-network}
     * @param srcDnsName {@code ietf-acldns:src-dnsname}
     * @param dstDnsName {@code ietf-acldns:dst-dnsname}
     * @param controller {@code ietf-mud:mud/controller} (a URI)
     * @param myController {@code my-controller}
     * @param localNetworks {@code local-networks}
     * @param sameManufacturer {@code same-manufacturer}
     * @param manufacturer {@code manufacturer} (an authority)
     * @param model {@code model} (a MUD URL)
     * @param srcPort {@code source-port}
     * @param dstPort {@code destination-port}
     * @param directionInitiated {@code ietf-mud:direction-initiated}: "from-device", "to-device" or null
     * @param l4 "tcp", "udp", "icmp" or null: which layer-4 container holds the ports
     */
    public record Matches(Integer protocol, String srcNetwork, String dstNetwork, String srcDnsName, String dstDnsName,
            String controller, boolean myController, boolean localNetworks, boolean sameManufacturer, String manufacturer,
            String model, PortMatch srcPort, PortMatch dstPort, String directionInitiated, String l4) {
    }

    /**
     * A port match (RFC 8519 port-range-or-operator): an operator and a port, or a range.
     *
     * @param operator "eq", "lte", "gte", "neq", or "range"
     * @param port the port (operator form)
     * @param lower the lowest port (range form)
     * @param upper the highest port (range form)
     */
    public record PortMatch(String operator, int port, int lower, int upper) {
        public static PortMatch eq(int port) {
            return new PortMatch("eq", port, 0, 0);
        }
    }

    /**
     * What an entry rests on.
     *
     * @param firstSeen the first flow (ISO-8601)
     * @param lastSeen the last flow
     * @param flows flows it matched
     * @param devices devices that used it
     * @param deviceShare share of the devices the file is for that used it
     */
    public record Evidence(String firstSeen, String lastSeen, long flows, int devices, double deviceShare) {
    }
}
