package dev.vigil.engine.proto.ics;

import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.dissect.StreamDissector;

/**
 * A TCP industrial session cut into its protocol's frames. Only the server's frames are read: an
 * identity is a reply. Devices are asked who they are when a session opens (an engineering tool, a
 * scanner, an inventory tool); a polling session that goes on for hours says nothing more of that
 * kind, so after {@link #MAX_REPLIES} server frames, or once a length field makes no sense,
 * inspection stops and the flow's packets are only counted.
 */
final class FramedIdentity implements StreamDissector {

    /** Server frames read per session before inspection stops. */
    static final int MAX_REPLIES = 64;

    private final IcsProtocol.Framing framing;
    private final IcsProtocol.Reader reader;
    private int replies;
    private boolean done;

    FramedIdentity(IcsProtocol.Framing framing, IcsProtocol.Reader reader) {
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
