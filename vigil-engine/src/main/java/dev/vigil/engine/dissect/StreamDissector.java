package dev.vigil.engine.dissect;

/**
 * Per-flow state of a TCP protocol: receives each direction's bytes in order and emits events.
 * Like Netty's {@code ByteToMessageDecoder}, it returns how many bytes it consumed; the engine keeps
 * the rest (bounded by the reassembly limits) and offers it again with the next bytes, so a message
 * split across segments is parsed whole.
 */
public interface StreamDissector {

    /**
     * Bytes of one direction, in order.
     *
     * @return bytes consumed, from 0 to {@code len}
     */
    int onData(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len);

    /**
     * Bytes are missing from one direction (capture loss, snap length, reassembly limits).
     *
     * @return true to carry on after the gap (the protocol can resynchronise), false to stop
     */
    default boolean onGap(DissectorContext ctx, boolean fromClient, long missing) {
        return false;
    }

    /** The flow ended; emit what is still pending. */
    default void onEnd(DissectorContext ctx) {
    }

    /** False once the dissector needs nothing more from this flow: inspection stops. */
    boolean wantsMore();
}
