package dev.vigil.engine.fuzz;

import dev.vigil.engine.Protocols;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.proto.signature.SignatureProtocol;
import dev.vigil.engine.proto.signature.Signatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One protocol on one transport, where the fuzzers put its bytes: its own server port, and the
 * client port its clients use when the protocol fixes one (DHCP answers 68, mDNS and NetBIOS talk
 * port to port), an ephemeral one otherwise.
 *
 * @param protocol the protocol's name, as in {@link Protocols#all()}
 * @param transport TCP or UDP
 * @param clientPort the client's port
 * @param serverPort the server's port
 */
public record Target(String protocol, Transport transport, int clientPort, int serverPort) {

    static final int EPHEMERAL = 40_000;

    /** Client ports the protocols fix (RFC 2131 §4.1, RFC 8415 §7.2, RFC 6762 §5, RFC 1002 §4.2.1). */
    static final Map<String, Integer> CLIENT_PORTS = Map.of("dhcp", 68, "dhcpv6", 546, "mdns", 5353, "netbios", 137);
    /** Server ports where the first listed one is the client's. */
    static final Map<String, Integer> SERVER_PORTS = Map.of("dhcp", 67, "dhcpv6", 547);

    /** Every registered protocol on each transport it has ports for, in registry order. */
    public static List<Target> all() {
        List<Target> out = new ArrayList<>();
        for (Protocol p : Protocols.all()) {
            for (Transport t : List.of(Transport.UDP, Transport.TCP)) {
                int[] ports = t == Transport.UDP ? p.udpPorts() : p.tcpPorts();
                if (ports.length > 0) {
                    out.add(new Target(p.name(), t, CLIENT_PORTS.getOrDefault(p.name(), EPHEMERAL),
                            SERVER_PORTS.getOrDefault(p.name(), ports[0])));
                }
            }
        }
        return List.copyOf(out);
    }

    /** The target of a protocol on a transport. */
    public static Target of(String protocol, Transport transport) {
        return all().stream().filter(t -> t.protocol.equals(protocol) && t.transport == transport).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no protocol " + protocol + " on " + transport));
    }

    /**
     * A fuzz target's method name as a target: the protocol's name in camel case ("tplink-shp" is
     * tplinkShp), "Tcp" appended for its TCP form when it has both.
     */
    public static Target named(String method) {
        Transport transport = method.endsWith("Tcp") ? Transport.TCP : null;
        String name = transport == null ? method : method.substring(0, method.length() - 3);
        return all().stream().filter(t -> camel(t.protocol).equals(name) && (transport == null || t.transport == transport))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no protocol " + method));
    }

    private static String camel(String protocol) {
        StringBuilder sb = new StringBuilder();
        for (String part : protocol.split("-")) {
            sb.append(sb.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return sb.toString();
    }

    /** The recognise-only protocols (Modbus, S7comm, CoAP, …), each on its transports. */
    public static List<Target> signatures() {
        List<String> names = Signatures.all().stream().map(SignatureProtocol::name).toList();
        return all().stream().filter(t -> names.contains(t.protocol)).toList();
    }
}
