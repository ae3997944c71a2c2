package dev.vigil.engine.proto.signature;

import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.flow.Transport;

/**
 * A protocol Vigil recognises from its first bytes but does not dissect: the flow gets the
 * protocol's name as its service (so the inventory knows a PLC speaks Modbus and hygiene checks
 * know a cleartext OT protocol is in use), and inspection stops.
 *
 * @param name service name
 * @param tcpPorts TCP port hints
 * @param udpPorts UDP port hints
 * @param minBytes bytes the signature needs
 * @param portOnly believed only on a hinted port (weak signatures)
 * @param signature the test on the first payload bytes of either direction
 */
public record SignatureProtocol(String name, int[] tcpPorts, int[] udpPorts, int minBytes, boolean portOnly,
        Signature signature) implements Protocol {

    /** A test on a flow's first bytes. */
    @FunctionalInterface
    public interface Signature {
        boolean matches(Transport transport, byte[] b, int off, int len, boolean fromClient);
    }

    @Override
    public Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        int[] ports = transport == Transport.TCP ? tcpPorts : transport == Transport.UDP ? udpPorts : new int[0];
        if (ports.length == 0 && (transport == Transport.TCP ? udpPorts.length > 0 && tcpPorts.length == 0
                : tcpPorts.length > 0 && udpPorts.length == 0)) {
            return Probe.NO;
        }
        if (portOnly && !portHint) {
            return Probe.NO;
        }
        if (len < minBytes) {
            return transport == Transport.TCP ? Probe.NEED_MORE : Probe.NO;
        }
        return signature.matches(transport, b, off, len, fromClient) ? Probe.MATCH : Probe.NO;
    }
}
