package dev.vigil.engine.proto.dns;

import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.dissect.StreamDissector;

/** DNS over TCP (RFC 1035 §4.2.2, RFC 7766): messages framed by a two-byte length. */
final class DnsStreamDissector implements StreamDissector {

    static final int MAX_MESSAGES = 256;

    private final DnsParser parser = new DnsParser();
    private int messages;

    @Override
    public int onData(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
        int used = 0;
        while (len - used >= 2 && messages < MAX_MESSAGES) {
            int n = ((b[off + used] & 0xff) << 8) | (b[off + used + 1] & 0xff);
            if (len - used - 2 < n) {
                break;
            }
            DnsMessage m = parser.parse(ctx.ts(), ctx.flow(), fromClient, "dns", b, off + used + 2, n);
            if (parser.problem() != null) {
                ctx.malformed(parser.problem());
            }
            if (m != null) {
                ctx.emit(m);
            }
            messages++;
            used += 2 + n;
        }
        return used;
    }

    @Override
    public boolean wantsMore() {
        return messages < MAX_MESSAGES;
    }
}
