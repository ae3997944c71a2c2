package dev.vigil.engine.proto.ssdp;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.proto.http.HttpHead;
import dev.vigil.engine.proto.http.HttpHeadParser;
import dev.vigil.engine.wire.Bytes;
import java.util.Map;

/** SSDP: HTTP-formatted messages over UDP 1900 (multicast 239.255.255.250 and unicast replies). */
public final class SsdpProtocol implements Protocol {

    static final Anomaly MALFORMED = Anomaly.declare("ssdp.malformed",
            "an SSDP datagram whose start line is not M-SEARCH, NOTIFY or an HTTP status line");

    private final DatagramDissector dissector = (ctx, fromClient, b, off, len) -> {
        HttpHead head = HttpHeadParser.parse(b, off, len);
        String line = head.startLine();
        String method;
        if (line.startsWith("M-SEARCH ")) {
            method = "M-SEARCH";
        } else if (line.startsWith("NOTIFY ")) {
            method = "NOTIFY";
        } else if (line.startsWith("HTTP/1.")) {
            method = "RESPONSE";
        } else {
            ctx.malformed(MALFORMED);
            return;
        }
        Map<String, String> h = head.headers();
        String target = h.containsKey("st") ? h.get("st") : h.get("nt");
        ctx.emit(new SsdpMessage(ctx.ts(), ctx.flow(), fromClient, method, target, h.get("nts"), h.get("usn"), h.get("location"),
                h.get("server"), h.get("user-agent"), h));
    };

    @Override
    public String name() {
        return "ssdp";
    }

    @Override
    public int[] udpPorts() {
        return new int[] {1900};
    }

    @Override
    public Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        if (transport != Transport.UDP) {
            return Probe.NO;
        }
        if (Bytes.startsWith(b, off, len, "M-SEARCH * HTTP/1.") || Bytes.startsWith(b, off, len, "NOTIFY * HTTP/1.")) {
            return Probe.MATCH;
        }
        return portHint && Bytes.startsWith(b, off, len, "HTTP/1.") ? Probe.MATCH : Probe.NO;
    }

    @Override
    public DatagramDissector datagramDissector() {
        return dissector;
    }

    @Override
    public Map<String, Class<? extends Event>> events() {
        return Map.of("ssdp", SsdpMessage.class);
    }
}
