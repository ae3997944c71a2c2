package dev.vigil.engine.dissect;

import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.Transport;
import java.util.Map;

/**
 * One application protocol as the engine sees it: its name, the ports it usually lives on, a probe
 * that recognises it from a flow's first bytes, and the dissectors that turn its bytes into events.
 * A protocol package provides one implementation; registering it is one line in
 * {@code dev.vigil.engine.Protocols}.
 */
public interface Protocol {

    /** Lower-case name used as the flow's service ("dhcp", "tls"). */
    String name();

    /** TCP ports that hint at this protocol (probing still decides). */
    default int[] tcpPorts() {
        return new int[0];
    }

    /** UDP ports that hint at this protocol. */
    default int[] udpPorts() {
        return new int[0];
    }

    /**
     * Looks at the first bytes of a flow in one direction.
     *
     * @param transport TCP or UDP
     * @param fromClient whether the bytes come from the flow's client
     * @param portHint whether one of the flow's ports is one of this protocol's ports
     */
    default Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        return Probe.NO;
    }

    /** A new per-flow dissector for a TCP stream of this protocol, or null if it has none. */
    default StreamDissector newStreamDissector() {
        return null;
    }

    /** The (shared, per-packet) dissector for UDP datagrams of this protocol, or null. */
    default DatagramDissector datagramDissector() {
        return null;
    }

    /**
     * The event records its dissectors emit, by kind ({@link Event#kind()}): what reading an event
     * log back needs to know of this protocol. Empty for one that only names flows.
     */
    default Map<String, Class<? extends Event>> events() {
        return Map.of();
    }
}
