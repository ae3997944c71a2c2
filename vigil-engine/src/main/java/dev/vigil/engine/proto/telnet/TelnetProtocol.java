package dev.vigil.engine.proto.telnet;

import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.dissect.StreamDissector;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.wire.Bytes;
import java.util.Map;

/** Telnet on 23 and 2323 (Mirai's ports), recognised elsewhere by its option negotiation. */
public final class TelnetProtocol implements Protocol {

    @Override
    public String name() {
        return "telnet";
    }

    @Override
    public int[] tcpPorts() {
        return new int[] {23, 2323};
    }

    @Override
    public Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        if (transport != Transport.TCP) {
            return Probe.NO;
        }
        if (len >= 3 && (b[off] & 0xff) == 255 && (b[off + 1] & 0xff) >= 251 && (b[off + 1] & 0xff) <= 254
                && (b[off + 2] & 0xff) < 50) {
            return Probe.MATCH;
        }
        if (len < 3 && len > 0 && (b[off] & 0xff) == 255) {
            return Probe.NEED_MORE;
        }
        // on its own port, a server that starts with text (a banner or a login prompt) is telnet too
        return portHint && !fromClient && Bytes.mostlyPrintable(b, off, Math.min(len, 64), 0.9) ? Probe.MATCH
                : Probe.NO;
    }

    @Override
    public StreamDissector newStreamDissector() {
        return new TelnetDissector();
    }

    @Override
    public Map<String, Class<? extends Event>> events() {
        return Map.of("telnet.banner", TelnetBanner.class, "telnet.login", TelnetLogin.class);
    }
}
