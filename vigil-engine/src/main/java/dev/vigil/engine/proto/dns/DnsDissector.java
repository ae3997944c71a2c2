package dev.vigil.engine.proto.dns;

import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.DissectorContext;

/** DNS, mDNS or LLMNR over UDP: one message per datagram. */
final class DnsDissector implements DatagramDissector {

    private final DnsParser parser = new DnsParser();
    private final String protocol;

    DnsDissector(String protocol) {
        this.protocol = protocol;
    }

    @Override
    public void onDatagram(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
        DnsMessage m = parser.parse(ctx.ts(), ctx.flow(), fromClient, protocol, b, off, len);
        if (parser.problem() != null) {
            if (parser.problem() == DnsParser.TOO_MANY_RECORDS) {
                ctx.count(parser.problem());
            } else {
                ctx.malformed(parser.problem());
            }
        }
        if (m != null) {
            ctx.emit(m);
        }
    }
}
