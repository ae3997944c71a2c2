package dev.vigil.engine.dissect;

/** A UDP protocol's dissector: one datagram in, events out. Shared by all flows, so it keeps no state. */
@FunctionalInterface
public interface DatagramDissector {

    void onDatagram(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len);
}
