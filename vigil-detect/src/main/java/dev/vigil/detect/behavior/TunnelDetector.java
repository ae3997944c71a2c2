package dev.vigil.detect.behavior;

import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Endpoint;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.proto.dns.DnsMessage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Data hidden in protocols that should carry none. DNS tunnels and exfiltration: many queries under
 * one domain with unique, long, random subdomains (or one name whose label alone is long and random
 * enough), TXT/NULL query volume. ICMP tunnels: echo requests carrying far more payload than ping
 * does, in volume.
 */
public final class TunnelDetector implements Detector, Bounded, java.io.Serializable {

    static final int MAX_KEYS = 100_000;

    private final FindingRecorder findings;
    private final FlowMarks marks;
    private final int minQueries;
    private final double minUnique;
    private final double minLabel;
    private final double minEntropy;
    private final int singleLabel;
    private final double singleEntropy;
    private final int icmpMinPackets;
    private final double icmpMeanPayload;
    private final double icmpLargePayload;

    private final Keyed<NameKey, Queries> dns = new Keyed<>();

    private record NameKey(Ip client, String domain) implements Comparable<NameKey>, Keyed.Owned, java.io.Serializable {
        @Override
        public Object owner() {
            return client;
        }

        @Override
        public int compareTo(NameKey o) {
            int c = client.compareTo(o.client);
            return c != 0 ? c : domain.compareTo(o.domain);
        }
    }
    private final Keyed<Key, Echo> echo = new Keyed<>();

    /** A client's queries under one registered domain. */
    private static final class Queries implements Keyed.Kept, java.io.Serializable {
        final Ip client;
        final String domain;
        long count;
        final Set<String> unique = new HashSet<>();
        long uniqueOverflow;
        long subdomainChars;
        double entropy;
        long txtNull;
        String longest = "";
        double longestEntropy;
        long first = Long.MAX_VALUE;
        long last;
        long nth = Long.MIN_VALUE;
        final Series flows = new Series(50_000);

        Queries(Ip client, String domain) {
            this.client = client;
            this.domain = domain;
        }

        @Override
        public long lastNanos() {
            return last;
        }

        @Override
        public long bytes() {
            return 256 + unique.size() * 64L + longest.length() * 2L + flows.bytes();
        }

        @Override
        public boolean trim() {
            return flows.trim();
        }
    }

    /** Echo traffic of a client to a server. */
    private static final class Echo implements Keyed.Kept, java.io.Serializable {
        long packets;
        long payload;
        long first = Long.MAX_VALUE;
        long last;
        Ip client;
        Ip server;
        final Series flows = new Series(10_000);

        @Override
        public long lastNanos() {
            return last;
        }

        @Override
        public long bytes() {
            return 96 + flows.bytes();
        }

        @Override
        public boolean trim() {
            return flows.trim();
        }
    }


    @Override
    public java.util.List<Keyed<?, ?>> kept() {
        return java.util.List.of(dns, echo);
    }

    public TunnelDetector(FindingRecorder findings, DetectionConfig c, FlowMarks marks) {
        this.findings = findings;
        this.marks = marks;
        this.minQueries = c.integer("dns_tunnel.min_queries");
        this.minUnique = c.number("dns_tunnel.min_unique_share");
        this.minLabel = c.number("dns_tunnel.min_label_length");
        this.minEntropy = c.number("dns_tunnel.min_entropy");
        this.singleLabel = c.integer("dns_tunnel.single_label_length");
        this.singleEntropy = c.number("dns_tunnel.single_entropy");
        this.icmpMinPackets = c.integer("icmp_tunnel.min_packets");
        this.icmpMeanPayload = c.number("icmp_tunnel.min_mean_payload");
        this.icmpLargePayload = c.number("icmp_tunnel.large_payload");
    }

    @Override
    public void accept(Event e) {
        switch (e) {
            case DnsMessage d -> query(d);
            case FlowEnded f -> flow(f);
            default -> {
            }
        }
    }

    private void query(DnsMessage d) {
        if (d.response() || !"dns".equals(d.protocol()) || d.flow() == null || d.flow().clientIp() == null) {
            return;
        }
        for (DnsMessage.Question q : d.questions()) {
            String name = q.name();
            if (name == null || name.endsWith(".arpa") || name.endsWith(".arpa.") || name.endsWith(".local")) {
                continue;
            }
            String reg = Domains.registered(name);
            String sub = Domains.subdomain(name, reg);
            NameKey key = new NameKey(d.flow().clientIp(), reg);
            if (dns.size() >= MAX_KEYS && !dns.containsKey(key)) {
                continue;
            }
            Queries qs = dns.computeIfAbsent(key, k -> new Queries(d.flow().clientIp(), reg));
            qs.count++;
            if (qs.unique.size() < 10_000) {
                qs.unique.add(name);
            } else {
                qs.uniqueOverflow++;
            }
            qs.subdomainChars += sub.length();
            // short subdomains ("www", "api") carry nothing; their randomness is not worth measuring
            if (sub.length() >= 8) {
                qs.entropy += Domains.entropy(sub.replace(".", ""));
                if (sub.length() > qs.longest.length()) {
                    String label = Domains.longestLabel(sub);
                    if (label.length() > qs.longest.length()) {
                        qs.longest = label;
                        qs.longestEntropy = Domains.entropy(label);
                    }
                }
            }
            if (q.type().equals("TXT") || q.type().equals("NULL") || q.type().equals("CNAME") || q.type().equals("MX")
                    || q.type().equals("ANY")) {
                qs.txtNull++;
            }
            qs.first = Math.min(qs.first, d.ts());
            if (qs.count == minQueries) {
                qs.nth = d.ts();
            }
            qs.last = Math.max(qs.last, d.ts());
            if (marks != null) {
                qs.flows.add(d.ts(), null, false, d.flow().id());
            }
        }
    }

    private void flow(FlowEnded f) {
        FlowMeta m = f.flow();
        boolean echoRequest = (m.transport() == Transport.ICMP && m.clientPort() == 8)
                || (m.transport() == Transport.ICMP6 && m.clientPort() == 128);
        if (!echoRequest || m.clientIp() == null) {
            return;
        }
        Key key = new Key(m.clientIp(), m.serverIp(), 0, 0);
        if (echo.size() >= MAX_KEYS && !echo.containsKey(key)) {
            return;
        }
        Echo x = echo.computeIfAbsent(key, k -> new Echo());
        x.client = m.clientIp();
        x.server = m.serverIp();
        x.packets += f.clientPackets() + f.serverPackets();
        x.payload += f.clientPayloadBytes() + f.serverPayloadBytes();
        x.first = Math.min(x.first, f.firstSeen());
        x.last = Math.max(x.last, f.ts());
        if (marks != null) {
            x.flows.add(f.firstSeen(), null, false, m.id());
        }
    }

    @Override
    public void finish(DeviceIndex devices) {
        for (Map.Entry<NameKey, Queries> e : Candidates.of(dns, q -> q.count >= minQueries || q.longest.length() >= singleLabel)) {
            Queries q = e.getValue();
            if (devices.byIp(q.client) == null) {
                continue;
            }
            double meanSub = (double) q.subdomainChars / q.count;
            double meanEntropy = q.entropy / q.count;
            double unique = (double) (q.unique.size() + q.uniqueOverflow) / q.count;
            boolean volume = q.count >= minQueries && unique >= minUnique && (meanSub >= minLabel || meanEntropy >= minEntropy);
            boolean single = q.longest.length() >= singleLabel && q.longestEntropy >= singleEntropy;
            if (!volume && !single) {
                continue;
            }
            FindingRecorder.Draft d = findings.record("exfil.dns_tunnel", Endpoint.of(q.client), null, q.domain, q.domain,
                    q.first);
            if (d != null) {
                d.span(q.first, q.last, q.count);
                d.evidence.put("domain", q.domain);
                d.evidence.put("queries", q.count);
                d.evidence.put("unique_names", q.unique.size());
                d.evidence.put("mean_subdomain_length", Math.round(meanSub * 10) / 10.0);
                d.evidence.put("mean_entropy_bits", Math.round(meanEntropy * 100) / 100.0);
                d.evidence.put("txt_null_queries", q.txtNull);
                d.evidence.put("detected_at", EventJson.time(
                        volume && q.nth != Long.MIN_VALUE ? q.nth : q.first));
                d.evidence.put("longest_label", q.longest.length() > 80 ? q.longest.substring(0, 80) + "…" : q.longest);
                d.evidence.put("explanation", (volume ? q.count + " queries under " + q.domain + ", " + Math.round(unique * 100)
                        + "% unique, subdomains " + Math.round(meanSub) + " characters long on average at "
                        + Math.round(meanEntropy * 10) / 10.0 + " bits/char"
                        : "a " + q.longest.length() + "-character label at " + Math.round(q.longestEntropy * 10) / 10.0
                                + " bits/char under " + q.domain) + ": data carried in DNS names");
            }
            q.flows.markAll(marks, "exfil.dns_tunnel");
        }
        for (Map.Entry<Key, Echo> e : Candidates.of(echo, x -> x.packets >= Math.min(10, icmpMinPackets))) {
            Echo x = e.getValue();
            double mean = x.packets == 0 ? 0 : (double) x.payload / x.packets;
            boolean bulk = x.packets >= icmpMinPackets && mean >= icmpMeanPayload;
            boolean large = x.packets >= 10 && mean >= icmpLargePayload;
            if (!bulk && !large || devices.byIp(x.client) == null && devices.byIp(x.server) == null) {
                continue;
            }
            FindingRecorder.Draft d = findings.record("exfil.icmp_tunnel", Endpoint.of(x.client), Endpoint.of(x.server),
                    null, null, x.first);
            if (d != null) {
                d.span(x.first, x.last, x.packets);
                d.evidence.put("packets", x.packets);
                d.evidence.put("payload_bytes", x.payload);
                d.evidence.put("mean_payload", Math.round(mean));
                d.evidence.put("explanation", x.packets + " echo packets between " + x.client + " and " + x.server
                        + " carried " + x.payload + " bytes (" + Math.round(mean)
                        + " per packet; ping sends 32 to 56): data hidden in ICMP");
            }
            x.flows.markAll(marks, "exfil.icmp_tunnel");
        }
    }
}
