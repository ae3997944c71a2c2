package dev.vigil.engine.proto.netbios;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.Transport;
import java.util.Map;

/** NetBIOS over TCP/IP: the name service (UDP 137) and datagram service (UDP 138). */
public final class NetbiosProtocol implements Protocol {

    static final Anomaly MALFORMED = Anomaly.declare("netbios.malformed",
            "a NetBIOS name-service message whose name is not first-level encoded");

    private final DatagramDissector dissector = (ctx, fromClient, b, off, len) -> {
        int port = ctx.flow().serverPort();
        if (port == 138 || ctx.flow().clientPort() == 138) {
            BrowserAnnouncement a = NetbiosParser.browser(ctx.ts(), ctx.flow(), fromClient, b, off, len);
            if (a != null) {
                ctx.emit(a);
            }
            return;
        }
        NetbiosName n = NetbiosParser.name(ctx.ts(), ctx.flow(), b, off, len);
        if (n == null) {
            ctx.malformed(MALFORMED);
        } else {
            ctx.emit(n);
        }
    };

    @Override
    public String name() {
        return "netbios";
    }

    @Override
    public int[] udpPorts() {
        return new int[] {137, 138};
    }

    @Override
    public Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        return transport == Transport.UDP && portHint && len >= 12 ? Probe.MATCH : Probe.NO;
    }

    @Override
    public DatagramDissector datagramDissector() {
        return dissector;
    }

    @Override
    public Map<String, Class<? extends Event>> events() {
        return Map.of("netbios.name", NetbiosName.class, "netbios.browser", BrowserAnnouncement.class);
    }
}
