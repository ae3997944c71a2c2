package dev.vigil.engine.proto.dhcp;

import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.DissectorContext;

/** Turns DHCP datagrams into {@link DhcpMessage} events. Stateless. */
final class DhcpDissector implements DatagramDissector {

    private final DhcpParser parser = new DhcpParser();

    @Override
    public void onDatagram(DissectorContext ctx, boolean fromClient, byte[] b, int off, int len) {
        DhcpMessage m = parser.parse(ctx.ts(), ctx.flow(), b, off, len);
        if (parser.problem() != null) {
            if (parser.problem().kind() == dev.vigil.engine.anomaly.Anomaly.Kind.MALFORMED) {
                ctx.malformed(parser.problem());
            } else {
                ctx.count(parser.problem());
            }
        }
        if (m != null) {
            ctx.emit(m);
        }
    }
}
