package dev.vigil.engine.dissect;

/** A UDP protocol's dissector: one datagram in, events out. Shared by all flows, so it keeps no state. */
@FunctionalInterface
public interface DatagramDissector {

    void onDatagram(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len);

    /**
     * {@code d} on each side's first {@code n} datagrams of a flow only, the rest counted by the
     * flow and not read: discovery announcements and log streams repeat what they said (a device
     * broadcasts the same identity every few seconds for as long as it runs).
     */
    static DatagramDissector firstOfFlow(int n, DatagramDissector d) {
        return (ctx, fromClient, b, off, len) -> {
            if (ctx.packetsFrom(fromClient) <= n) {
                d.onDatagram(ctx, fromClient, b, off, len);
            }
        };
    }
}
