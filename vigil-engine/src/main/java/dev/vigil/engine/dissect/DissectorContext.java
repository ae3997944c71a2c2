package dev.vigil.engine.dissect;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.anomaly.Faults;
import dev.vigil.engine.decode.Decoded;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.event.EventSink;
import dev.vigil.engine.flow.Flow;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Mac;

/**
 * What a dissector may use while it handles bytes: packet time, the flow's identity, the current
 * packet's headers, and the ways out (events, anomaly counts). One instance per pipeline, refilled
 * before each call; dissectors must not keep it.
 */
public final class DissectorContext {

    private final EventSink sink;
    private final AnomalyCounters anomalies;
    private final Faults faults;
    private long ts;
    private Flow flow;
    private Decoded packet;

    public DissectorContext(EventSink sink, AnomalyCounters anomalies) {
        this(sink, anomalies, anomalies.faults());
    }

    public DissectorContext(EventSink sink, AnomalyCounters anomalies, Faults faults) {
        this.sink = sink;
        this.anomalies = anomalies;
        this.faults = faults;
    }

    /** Where the engine counts a dissector that threw (dissectors themselves never need it). */
    public Faults faults() {
        return faults;
    }

    /** Sets what the next dissector call sees. */
    public void set(long ts, Flow flow, Decoded packet) {
        this.ts = ts;
        this.flow = flow;
        this.packet = packet;
    }

    /** Packet time of the data being handled, in nanoseconds since the epoch. */
    public long ts() {
        return ts;
    }

    /** The flow's identity, or null for a layer-2 frame. */
    public FlowMeta flow() {
        return flow == null ? null : flow.meta();
    }

    /** The packet that delivered the current bytes (null at the end of a flow). */
    public Decoded packet() {
        return packet;
    }

    /** Packets the flow's client (or server) has sent so far, the current one included; 0 outside a flow. */
    public long packetsFrom(boolean fromClient) {
        return flow == null ? 0 : fromClient ? flow.clientPackets() : flow.serverPackets();
    }

    /** Source MAC of the current packet, or {@link Mac#NONE}. */
    public long srcMac() {
        return packet == null ? Mac.NONE : packet.srcMac;
    }

    public void emit(Event e) {
        sink.accept(e);
    }

    public void count(Anomaly a) {
        anomalies.count(a);
    }

    /**
     * Counts a parse failure. When the current packet was cut by the snap length the failure is the
     * capture's doing, so it is counted as {@code snaplen.payload_cut} instead.
     */
    public void malformed(Anomaly a) {
        anomalies.count(packet != null && packet.truncated ? PAYLOAD_CUT : a);
    }

    /** The current packet's payload is incomplete in the capture. */
    public boolean truncated() {
        return packet != null && packet.payloadCaptured < packet.payloadLength;
    }

    static final Anomaly PAYLOAD_CUT = Anomaly.declare("snaplen.payload_cut", Anomaly.Kind.TRUNCATED,
            "an application message cut by the capture's snap length");
}
