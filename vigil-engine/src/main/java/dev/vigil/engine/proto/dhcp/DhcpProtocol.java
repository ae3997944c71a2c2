package dev.vigil.engine.proto.dhcp;

import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.wire.Bytes;
import java.util.Map;

/** DHCPv4 on UDP 67/68. */
public final class DhcpProtocol implements Protocol {

    private final DhcpDissector dissector = new DhcpDissector();

    @Override
    public String name() {
        return "dhcp";
    }

    @Override
    public int[] udpPorts() {
        return new int[] {67, 68};
    }

    @Override
    public Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        if (transport != Transport.UDP) {
            return Probe.NO;
        }
        if (len < DhcpParser.FIXED || (b[off] != 1 && b[off] != 2)) {
            return Probe.NO;
        }
        if (len >= DhcpParser.FIXED + 4 && Bytes.i32(b, off + DhcpParser.FIXED) == DhcpParser.MAGIC) {
            return Probe.MATCH;
        }
        // plain BOOTP is only believed on its own ports
        return portHint && (b[off + 1] & 0xff) <= 32 && (b[off + 2] & 0xff) <= 16 ? Probe.MATCH : Probe.NO;
    }

    @Override
    public DatagramDissector datagramDissector() {
        return dissector;
    }

    @Override
    public Map<String, Class<? extends Event>> events() {
        return Map.of("dhcp", DhcpMessage.class);
    }
}
