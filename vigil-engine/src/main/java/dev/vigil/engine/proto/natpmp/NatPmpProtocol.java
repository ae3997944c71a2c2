package dev.vigil.engine.proto.natpmp;

import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.wire.Bytes;
import java.util.Map;

/**
 * NAT-PMP (RFC 6886) and its successor PCP (RFC 6887) on UDP 5351: devices asking the gateway to
 * open a port to them. Only mapping requests become events.
 */
public final class NatPmpProtocol implements Protocol {

    private final DatagramDissector dissector = (ctx, fromClient, b, off, len) -> {
        if (!fromClient || len < 2) {
            return;
        }
        int version = b[off] & 0xff;
        int op = b[off + 1] & 0xff;
        if (version == 0 && (op == 1 || op == 2) && len >= 12) {
            // RFC 6886 §3.3: version, opcode, reserved, internal port, suggested external port, lifetime
            ctx.emit(new PortMappingRequest(ctx.ts(), ctx.flow(), "natpmp", op == 1 ? "udp" : "tcp",
                    Bytes.u16(b, off + 4), Bytes.u16(b, off + 6), Bytes.u32(b, off + 8)));
        } else if (version == 2 && (op & 0x7f) == 1 && (op & 0x80) == 0 && len >= 60) {
            // RFC 6887 §7.1 request header (24 bytes), then MAP opcode data (§11.1)
            int proto = b[off + 24 + 12] & 0xff;
            String t = proto == 6 ? "tcp" : proto == 17 ? "udp" : Integer.toString(proto);
            ctx.emit(new PortMappingRequest(ctx.ts(), ctx.flow(), "pcp", t, Bytes.u16(b, off + 24 + 16),
                    Bytes.u16(b, off + 24 + 18), Bytes.u32(b, off + 4)));
        }
    };

    @Override
    public String name() {
        return "natpmp";
    }

    @Override
    public int[] udpPorts() {
        return new int[] {5351};
    }

    @Override
    public Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        if (transport != Transport.UDP || !portHint || len < 2) {
            return Probe.NO;
        }
        int v = b[off] & 0xff;
        return v == 0 || v == 2 ? Probe.MATCH : Probe.NO;
    }

    @Override
    public DatagramDissector datagramDissector() {
        return dissector;
    }

    @Override
    public Map<String, Class<? extends Event>> events() {
        return Map.of("portmap.request", PortMappingRequest.class);
    }
}
