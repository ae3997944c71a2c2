package dev.vigil.engine.dissect;

/**
 * A TCP session cut into its protocol's frames by their own length field, of which only the
 * server's are read: an identity is a reply. Devices are asked who they are when a session opens
 * (an engineering tool, a scanner, an inventory tool, a vendor's app); a polling session that goes
 * on for hours says nothing more of that kind, so after {@link #MAX_REPLIES} server frames, or once
 * a length field makes no sense, inspection stops and the flow's packets are only counted.
 */
public final class FramedIdentity implements StreamDissector {

    /** Server frames read per session before inspection stops. */
    public static final int MAX_REPLIES = 64;

    /** Reads one frame or datagram and emits an identity event if it holds one. */
    @FunctionalInterface
    public interface Reader {
        void read(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len);
    }

    /** The whole frame's length from its header, or -1 when the header is not this protocol's. */
    @FunctionalInterface
    public interface Length {
        int of(byte[] b, int off);
    }

    /**
     * A TCP framing.
     *
     * @param header the bytes of header that give the length
     * @param length the frame's length from them
     */
    public record Framing(int header, Length length) {
    }

    private final Framing framing;
    private final Reader reader;
    private int replies;
    private boolean done;

    public FramedIdentity(Framing framing, Reader reader) {
        this.framing = framing;
        this.reader = reader;
    }

    @Override
    public int onData(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
        if (fromClient || done) {
            return len;
        }
        int p = off;
        int end = off + len;
        while (end - p >= framing.header()) {
            int n = framing.length().of(b, p);
            if (n < framing.header()) {
                done = true;
                return len;
            }
            if (end - p < n) {
                break;
            }
            reader.read(ctx, false, b, p, n);
            p += n;
            if (++replies >= MAX_REPLIES) {
                done = true;
                return len;
            }
        }
        return p - off;
    }

    @Override
    public boolean wantsMore() {
        return !done;
    }
}
