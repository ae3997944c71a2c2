package dev.vigil.engine.proto.dns;

import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.wire.Bytes;
import java.util.Arrays;

/**
 * DNS, mDNS or LLMNR over UDP: one message per datagram. A message whose bytes after the ID repeat
 * a recent one (mDNS announcements and queries are sent again and again, RFC 6762 §8.3 and §5.2;
 * stub resolvers repeat the same query) is not parsed again: its event is the earlier message's
 * content with this packet's time, flow, direction and ID.
 */
final class DnsDissector implements DatagramDissector {

    /** Messages remembered whole in a direct-mapped cache, replaced on collision; a power of two. */
    static final int REPEAT_SLOTS = 256;
    /** Longer messages are parsed every time (the UDP payload of one Ethernet frame). */
    static final int REPEAT_MAX_BYTES = 1472;
    private static final int ID_BYTES = 2;

    private final DnsParser parser = new DnsParser();
    private final String protocol;
    private final byte[][] repeatBytes = new byte[REPEAT_SLOTS][];
    private final DnsMessage[] repeatParsed = new DnsMessage[REPEAT_SLOTS];

    DnsDissector(String protocol) {
        this.protocol = protocol;
    }

    @Override
    public void onDatagram(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
        int slot = -1;
        if (len > ID_BYTES && len <= REPEAT_MAX_BYTES) {
            slot = Bytes.hash(b, off + ID_BYTES, len - ID_BYTES) & (REPEAT_SLOTS - 1);
            byte[] seen = repeatBytes[slot];
            if (seen != null && seen.length == len - ID_BYTES
                    && Arrays.equals(seen, 0, seen.length, b, off + ID_BYTES, off + len)) {
                DnsMessage m = repeatParsed[slot];
                ctx.emit(new DnsMessage(ctx.ts(), ctx.flow(), fromClient, protocol, Bytes.u16(b, off), m.response(),
                        m.opcode(), m.rcode(), m.authoritative(), m.truncated(), m.recursionDesired(), m.questions(),
                        m.answers(), m.authorities(), m.additionals()));
                return;
            }
        }
        DnsMessage m = parser.parse(ctx.ts(), ctx.flow(), fromClient, protocol, b, off, len);
        if (parser.problem() != null) {
            if (parser.problem() == DnsParser.TOO_MANY_RECORDS) {
                ctx.count(parser.problem());
            } else {
                ctx.malformed(parser.problem());
            }
        } else if (m != null && slot >= 0) {
            repeatBytes[slot] = Arrays.copyOfRange(b, off + ID_BYTES, off + len);
            repeatParsed[slot] = m;
        }
        if (m != null) {
            ctx.emit(m);
        }
    }
}
