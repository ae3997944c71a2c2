package dev.vigil.engine.proto.wsd;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.Probe;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.wire.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WS-Discovery SOAP envelopes over UDP 3702. Elements are picked out by local name (namespace
 * prefixes vary by vendor); no XML parser, hence no entity expansion.
 */
public final class WsDiscoveryProtocol implements Protocol {

    static final Anomaly MALFORMED = Anomaly.declare("wsd.malformed",
            "a WS-Discovery datagram without a SOAP envelope or action");

    private static final Pattern ACTION = element("Action");
    private static final Pattern TYPES = element("Types");
    private static final Pattern SCOPES = element("Scopes");
    private static final Pattern XADDRS = element("XAddrs");
    private static final Pattern ADDRESS = element("Address");

    /** Longest run of attributes read inside an element's start tag. */
    static final int MAX_ATTRIBUTES = 512;

    /**
     * An element's text. Every run is bounded and stops at the next tag ('<' cannot occur inside a
     * start tag, XML 1.0 §3.1): an unbounded {@code [^>]*} backtracked over the rest of the datagram
     * at each start tag, so one 64 KB datagram of {@code "<Action "} cost seconds of CPU.
     */
    private static Pattern element(String name) {
        return Pattern.compile("<(?:[A-Za-z0-9_]{1,64}:)?" + name + "(?:\\s[^<>]{0," + MAX_ATTRIBUTES
                + "})?>([^<]{0,2048})</", Pattern.DOTALL);
    }

    private final DatagramDissector dissector = (ctx, fromClient, b, off, len) -> {
        String xml = new String(b, off, len, StandardCharsets.UTF_8);
        String action = first(ACTION, xml);
        if (action == null) {
            ctx.malformed(MALFORMED);
            return;
        }
        int slash = action.lastIndexOf('/');
        ctx.emit(new WsDiscovery(ctx.ts(), ctx.flow(), fromClient, slash >= 0 ? action.substring(slash + 1) : action,
                words(first(TYPES, xml)), words(first(SCOPES, xml)), words(first(XADDRS, xml)), first(ADDRESS, xml)));
    };

    private static String first(Pattern p, String xml) {
        Matcher m = p.matcher(xml);
        return m.find() ? m.group(1).trim() : null;
    }

    private static List<String> words(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(Arrays.asList(s.trim().split("\\s+")));
        return List.copyOf(out.size() > 64 ? out.subList(0, 64) : out);
    }

    @Override
    public String name() {
        return "wsd";
    }

    @Override
    public int[] udpPorts() {
        return new int[] {3702};
    }

    @Override
    public Probe probe(Transport transport, byte[] b, int off, int len, boolean fromClient, boolean portHint) {
        if (transport != Transport.UDP || !portHint || len < 32) {
            return Probe.NO;
        }
        String head = Bytes.latin1(b, off, Math.min(len, 512));
        return head.contains("Envelope") ? Probe.MATCH : Probe.NO;
    }

    @Override
    public DatagramDissector datagramDissector() {
        return dissector;
    }
}
