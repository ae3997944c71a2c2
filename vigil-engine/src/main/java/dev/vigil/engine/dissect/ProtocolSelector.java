package dev.vigil.engine.dissect;

import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.anomaly.Faults;
import dev.vigil.engine.flow.Transport;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses a flow's protocol: first the protocols whose ports the flow uses (server port first),
 * then every other protocol by probing alone, so that HTTP on 8081 or MQTT on 11883 are found. A
 * probe that throws is counted as its dissector's fault and answers no.
 */
public final class ProtocolSelector {

    /** Returned by {@link #select} when the bytes so far cannot decide. */
    public static final Protocol UNDECIDED = () -> "undecided";

    private final List<Protocol> protocols;
    private final Faults faults;
    private final Protocol[][] tcpByPort = new Protocol[65536][];
    private final Protocol[][] udpByPort = new Protocol[65536][];

    public ProtocolSelector(List<Protocol> protocols) {
        this(protocols, new AnomalyCounters().faults());
    }

    public ProtocolSelector(List<Protocol> protocols, Faults faults) {
        this.protocols = List.copyOf(protocols);
        this.faults = faults;
        index(true);
        index(false);
    }

    private void index(boolean tcp) {
        Protocol[][] table = tcp ? tcpByPort : udpByPort;
        for (Protocol p : protocols) {
            for (int port : tcp ? p.tcpPorts() : p.udpPorts()) {
                Protocol[] old = table[port];
                Protocol[] grown = old == null ? new Protocol[1] : java.util.Arrays.copyOf(old, old.length + 1);
                grown[grown.length - 1] = p;
                table[port] = grown;
            }
        }
    }

    public List<Protocol> protocols() {
        return protocols;
    }

    /**
     * @return the matching protocol, {@link #UNDECIDED} when a candidate needs more bytes, or null
     *     when nothing matches
     */
    public Protocol select(Transport transport, int clientPort, int serverPort, byte[] b, int off, int len,
            boolean fromClient) {
        Protocol[][] table = transport == Transport.TCP ? tcpByPort : udpByPort;
        Protocol[] byServer = table[serverPort];
        Protocol[] byClient = table[clientPort];
        boolean needMore = false;
        List<Protocol> hinted = new ArrayList<>(4);
        if (byServer != null) {
            hinted.addAll(List.of(byServer));
        }
        if (byClient != null) {
            for (Protocol p : byClient) {
                if (!hinted.contains(p)) {
                    hinted.add(p);
                }
            }
        }
        for (Protocol p : hinted) {
            Probe r = probe(p, transport, b, off, len, fromClient, true);
            if (r == Probe.MATCH) {
                return p;
            }
            needMore |= r == Probe.NEED_MORE;
        }
        for (Protocol p : protocols) {
            if (hinted.contains(p)) {
                continue;
            }
            Probe r = probe(p, transport, b, off, len, fromClient, false);
            if (r == Probe.MATCH) {
                return p;
            }
            needMore |= r == Probe.NEED_MORE;
        }
        return needMore ? UNDECIDED : null;
    }

    private Probe probe(Protocol p, Transport transport, byte[] b, int off, int len, boolean fromClient,
            boolean portHint) {
        try {
            return p.probe(transport, b, off, len, fromClient, portHint);
        } catch (RuntimeException | StackOverflowError e) {
            faults.record(Faults.dissector(p.name()), e);
            return Probe.NO;
        }
    }
}
