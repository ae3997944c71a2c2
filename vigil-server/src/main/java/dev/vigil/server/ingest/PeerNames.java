package dev.vigil.server.ingest;

import dev.vigil.engine.event.Event;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.proto.dns.DnsMessage;
import dev.vigil.engine.proto.http.HttpRequest;
import dev.vigil.engine.proto.tls.TlsClientHello;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The names a device used for the addresses it talks to: the name it looked up in DNS and got the
 * address for (RFC 1035 A, RFC 3596 AAAA answers), the TLS server_name it sent (RFC 6066 §3), the
 * HTTP Host it asked for (RFC 9110 §7.2). A source keeps one across its windows, since a device
 * resolves a name once and talks to the address for hours. Bounded: the least recently named pairs
 * go first.
 */
final class PeerNames implements java.io.Serializable {

    /** Device-peer pairs remembered at most. */
    static final int MAX_PAIRS = 20_000;
    /** Names kept per pair at most. */
    static final int MAX_NAMES = 8;

    private final Map<String, Set<String>> names = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> e) {
            return size() > MAX_PAIRS;
        }
    };

    void accept(Event e) {
        switch (e) {
            case DnsMessage m when m.response() && m.flow() != null -> {
                // the response goes from the resolver to the device that asked
                String device = m.flow().clientIp().toString();
                for (DnsMessage.ResourceRecord r : m.answers()) {
                    if ((r.type().equals("A") || r.type().equals("AAAA")) && Ip.tryParse(r.data()) != null) {
                        add(device, Ip.tryParse(r.data()).toString(), m.questions().isEmpty() ? r.name()
                                : m.questions().get(0).name());
                    }
                }
            }
            case TlsClientHello t when t.sni() != null && t.flow() != null ->
                    add(t.flow().clientIp().toString(), t.flow().serverIp().toString(), t.sni());
            case HttpRequest r when r.host() != null && r.flow() != null ->
                    add(r.flow().clientIp().toString(), r.flow().serverIp().toString(), hostOnly(r.host()));
            default -> {
            }
        }
    }

    private void add(String device, String peer, String name) {
        if (name == null || name.isBlank() || Ip.tryParse(name) != null) {
            return;
        }
        Set<String> s = names.computeIfAbsent(device + '|' + peer, k -> new LinkedHashSet<>());
        if (s.size() < MAX_NAMES) {
            s.add(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** "host:port" or "[v6]:port" → host. */
    private static String hostOnly(String host) {
        String h = host.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        return colon >= 0 && h.indexOf(':', colon + 1) < 0 ? h.substring(0, colon) : h;
    }

    /** The names the client of a conversation used for its server, or an empty set. */
    Set<String> of(String client, String server) {
        Set<String> s = names.get(client + '|' + server);
        return s == null ? Set.of() : s;
    }
}
