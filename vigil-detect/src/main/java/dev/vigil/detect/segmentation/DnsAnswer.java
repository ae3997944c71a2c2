package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Ip;
import dev.vigil.engine.proto.dns.DnsMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One name-to-address binding an observed DNS answer gave: the name asked (and every name of the
 * CNAME chain that led to the address), the address and how long the answer may be cached.
 *
 * @param ts when the answer was seen, nanoseconds since the epoch
 * @param client who asked, or null
 * @param name the name, lower case, without the trailing dot
 * @param address the A or AAAA address
 * @param ttlSeconds the record's TTL (RFC 1035 §3.2.1)
 */
public record DnsAnswer(long ts, Ip client, String name, Ip address, long ttlSeconds) {

    /** At most this many CNAME links are followed: a loop in an answer is not followed for ever. */
    static final int MAX_CHAIN = 16;

    /**
     * The bindings of one DNS response: each A and AAAA record, under its owner name and under the
     * question and CNAME names that point to it (RFC 1034 §3.6.2). The TTL of a binding reached
     * through CNAMEs is the least TTL along the chain. Queries, errors, mDNS and LLMNR give none.
     */
    public static List<DnsAnswer> of(DnsMessage m) {
        if (!m.response() || m.rcode() != 0 || !m.protocol().equals("dns")) {
            return List.of();
        }
        Map<String, List<DnsMessage.ResourceRecord>> aliases = new HashMap<>();
        List<DnsMessage.ResourceRecord> addresses = new ArrayList<>();
        for (DnsMessage.ResourceRecord r : m.answers()) {
            if (r.type().equals("CNAME") && r.data() != null) {
                aliases.computeIfAbsent(norm(r.data()), k -> new ArrayList<>()).add(r);
            } else if ((r.type().equals("A") || r.type().equals("AAAA")) && r.data() != null) {
                addresses.add(r);
            }
        }
        Ip client = m.flow().clientIp();
        List<DnsAnswer> out = new ArrayList<>();
        for (DnsMessage.ResourceRecord a : addresses) {
            Ip ip = Ip.tryParse(a.data());
            if (ip == null) {
                continue;
            }
            String name = norm(a.name());
            long ttl = a.ttl();
            out.add(new DnsAnswer(m.ts(), client, name, ip, ttl));
            for (int depth = 0; depth < MAX_CHAIN; depth++) {
                List<DnsMessage.ResourceRecord> up = aliases.get(name);
                if (up == null || up.isEmpty()) {
                    break;
                }
                DnsMessage.ResourceRecord c = up.get(0);
                name = norm(c.name());
                ttl = Math.min(ttl, c.ttl());
                out.add(new DnsAnswer(m.ts(), client, name, ip, ttl));
            }
        }
        return out;
    }

    static String norm(String n) {
        String s = n.toLowerCase(Locale.ROOT);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
