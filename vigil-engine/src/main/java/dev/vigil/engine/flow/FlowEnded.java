package dev.vigil.engine.flow;


/**
 * A flow left the table: its whole account. Packet and Zeek conn.log inputs both end in this
 * record, so detectors see one shape of flow whatever the source.
 *
 * @param ts when the flow ended (its last packet), nanoseconds since the epoch
 * @param flow the flow's identity
 * @param reason why it ended
 * @param firstSeen time of its first packet
 * @param clientPackets packets sent by the client
 * @param serverPackets packets sent by the server
 * @param clientBytes bytes on the wire sent by the client (whole frames)
 * @param serverBytes bytes on the wire sent by the server
 * @param clientPayloadBytes transport payload bytes sent by the client
 * @param serverPayloadBytes transport payload bytes sent by the server
 * @param history Zeek-style history (S, H, A, D, F, R; client upper case)
 * @param connState Zeek conn_state (S0, SF, REJ, …)
 * @param service application protocol recognised by a dissector, or null
 * @param clientTtl TTL / hop limit of the client's first packet (0 when unknown)
 * @param clientCrafted header fields of the client's TCP segments no conforming stack sets
 *        ({@link #CRAFTED_TINY_SYN_WINDOW}, {@link #CRAFTED_URGENT_WITHOUT_URG}, {@link #CRAFTED_RESERVED_BITS});
 *        0 from flow logs, which do not keep them
 */
public record FlowEnded(long ts, FlowMeta flow, EndReason reason, long firstSeen, long clientPackets,
        long serverPackets, long clientBytes, long serverBytes, long clientPayloadBytes, long serverPayloadBytes,
        String history, String connState, String service, int clientTtl, int clientCrafted) implements FlowEvent {

    /**
     * A SYN offering a receive window below this many bytes. Stacks offer their buffer, thousands of
     * bytes; even the smallest embedded ones (uIP, lwIP) offer at least one segment of a few hundred.
     * nmap's OS probes offer 1 to 63 (SEQ) and 3 (ECN).
     */
    public static final int TINY_SYN_WINDOW = 64;
    public static final int CRAFTED_TINY_SYN_WINDOW = 1;
    /** An urgent pointer with URG clear (nmap's ECN probe carries 0xF7F5). */
    public static final int CRAFTED_URGENT_WITHOUT_URG = 2;
    /** One of the three reserved header bits set (they must be zero; the AE bit is not among them). */
    public static final int CRAFTED_RESERVED_BITS = 4;

    /** A flow without the crafted-header account (flow logs, stored flows). */
    public FlowEnded(long ts, FlowMeta flow, EndReason reason, long firstSeen, long clientPackets,
            long serverPackets, long clientBytes, long serverBytes, long clientPayloadBytes, long serverPayloadBytes,
            String history, String connState, String service, int clientTtl) {
        this(ts, flow, reason, firstSeen, clientPackets, serverPackets, clientBytes, serverBytes, clientPayloadBytes,
                serverPayloadBytes, history, connState, service, clientTtl, 0);
    }

    @Override
    public String kind() {
        return "flow";
    }

    public long durationNanos() {
        return ts - firstSeen;
    }

    public static FlowEnded of(Flow f, EndReason reason) {
        return new FlowEnded(f.lastSeen(), f.meta(), reason, f.firstSeen(), f.clientPackets(), f.serverPackets(),
                f.clientBytes(), f.serverBytes(), f.clientPayloadBytes(), f.serverPayloadBytes(), f.history(),
                f.connState(), f.service, f.clientTtl(), f.clientCrafted());
    }
}
