package dev.vigil.engine.proto.snmp;

import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.Transport;
import java.util.Map;

/** SNMP on UDP 161 (agents) and 162 (traps), recognised elsewhere by its BER header. */
public final class SnmpProtocol implements Protocol {

    private final SnmpParser parser = new SnmpParser();
    private final DatagramDissector dissector = (ctx, fromClient, b, off, len) -> {
        SnmpMessage m = parser.parse(ctx.ts(), ctx.flow(), b, off, len);
        if (m == null) {
            ctx.malformed(SnmpParser.MALFORMED);
        } else {
            ctx.emit(m);
        }
    };

    @Override
    public String name() {
        return "snmp";
    }

    @Override
    public int[] udpPorts() {
        return new int[] {161, 162};
    }

    @Override
    public Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        if (transport != Transport.UDP || len < 8 || (b[off] & 0xff) != 0x30) {
            return Probe.NO;
        }
        // SEQUENCE, then INTEGER version 0, 1 or 3 (length byte form 1, 2 or 3 bytes)
        int p = off + 1;
        int l = b[p] & 0xff;
        p += l < 0x80 ? 1 : 1 + (l & 0x7f);
        if (p + 3 > off + len) {
            return Probe.NO;
        }
        boolean version = (b[p] & 0xff) == 0x02 && (b[p + 1] & 0xff) == 0x01
                && ((b[p + 2] & 0xff) <= 1 || (b[p + 2] & 0xff) == 3);
        return version ? Probe.MATCH : Probe.NO;
    }

    @Override
    public DatagramDissector datagramDissector() {
        return dissector;
    }

    @Override
    public Map<String, Class<? extends Event>> events() {
        return Map.of("snmp", SnmpMessage.class);
    }
}
