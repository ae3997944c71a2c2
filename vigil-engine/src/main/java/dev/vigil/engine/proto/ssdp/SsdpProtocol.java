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
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;

/**
 * SSDP: HTTP-formatted messages over UDP 1900 (multicast 239.255.255.250 and unicast replies). A
 * datagram identical to a recent one is not parsed again: its message is the earlier one's fields
 * with this packet's time and flow. One instance per pipeline (the cache is not shared).
 */
public final class SsdpProtocol implements Protocol {

    static final Anomaly MALFORMED = Anomaly.declare("ssdp.malformed",
            "an SSDP datagram whose start line is not M-SEARCH, NOTIFY or an HTTP status line");

    /**
     * Datagrams remembered whole, so that a repeat is recognised on its bytes: every device sends
     * the same NOTIFY for each of its services every few minutes (UDA 2.0 §1.2.2, and again before
     * CACHE-CONTROL max-age runs out), and control points repeat the same M-SEARCH. A direct-mapped
     * cache, replaced on collision; a power of two.
     */
    static final int REPEAT_SLOTS = 256;
    /** Longer datagrams are parsed every time (the UDP payload of one Ethernet frame). */
    static final int REPEAT_MAX_BYTES = 1472;

    private final byte[][] repeatBytes = new byte[REPEAT_SLOTS][];
    private final SsdpMessage[] repeatParsed = new SsdpMessage[REPEAT_SLOTS];

    private final DatagramDissector dissector = (ctx, fromClient, b, off, len) -> {
        int slot = Bytes.hash(b, off, len) & (REPEAT_SLOTS - 1);
        byte[] seen = repeatBytes[slot];
        if (seen != null && seen.length == len && Arrays.equals(seen, 0, len, b, off, off + len)) {
            SsdpMessage m = repeatParsed[slot];
            ctx.emit(new SsdpMessage(ctx.ts(), ctx.flow(), fromClient, m.method(), m.target(), m.subtype(), m.usn(),
                    m.location(), m.server(), m.userAgent(), m.headers()));
            return;
        }
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
        Map<String, String> h = Collections.unmodifiableMap(head.headers());
        String target = h.containsKey("st") ? h.get("st") : h.get("nt");
        SsdpMessage m = new SsdpMessage(ctx.ts(), ctx.flow(), fromClient, method, target, h.get("nts"), h.get("usn"),
                h.get("location"), h.get("server"), h.get("user-agent"), h);
        if (len <= REPEAT_MAX_BYTES) {
            repeatBytes[slot] = Arrays.copyOfRange(b, off, off + len);
            repeatParsed[slot] = m;
        }
        ctx.emit(m);
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
