package dev.vigil.engine.proto.dhcpv6;

import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.Transport;
import java.util.Map;

/** DHCPv6 on UDP 546/547. */
public final class Dhcpv6Protocol implements Protocol {

    private final Dhcpv6Parser parser = new Dhcpv6Parser();
    private final DatagramDissector dissector = (ctx, fromClient, b, off, len) -> {
        Dhcpv6Message m = parser.parse(ctx.ts(), ctx.flow(), b, off, len);
        if (parser.failed()) {
            ctx.malformed(Dhcpv6Parser.MALFORMED);
        }
        if (m != null) {
            ctx.emit(m);
        }
    };

    @Override
    public String name() {
        return "dhcpv6";
    }

    @Override
    public int[] udpPorts() {
        return new int[] {546, 547};
    }

    @Override
    public Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        if (transport != Transport.UDP || !portHint || len < 4) {
            return Probe.NO;
        }
        int type = b[off] & 0xff;
        return type >= 1 && type <= 36 ? Probe.MATCH : Probe.NO;
    }

    @Override
    public DatagramDissector datagramDissector() {
        return dissector;
    }

    @Override
    public Map<String, Class<? extends Event>> events() {
        return Map.of("dhcpv6", Dhcpv6Message.class);
    }
}
