package dev.vigil.detect.inventory.observe;

import dev.vigil.detect.inventory.AddressState;
import dev.vigil.detect.inventory.Observer;
import dev.vigil.detect.inventory.Sightings;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.proto.dns.DnsMessage;
import java.util.Locale;

/**
 * Unicast DNS (RFC 1035): the names a device looks up, and the names PTR answers give the local
 * addresses they describe (RFC 1035 §3.5). Multicast DNS and LLMNR are {@link DiscoveryObserver}'s.
 */
public final class DnsObserver implements Observer {

    @Override
    public void register(Registrations on) {
        on.read(DnsMessage.class, DnsObserver::dns);
    }

    static void dns(DnsMessage d, Sightings s) {
        FlowMeta f = d.flow();
        if (f == null || !d.protocol().equals("dns")) {
            return;
        }
        if (!d.response()) {
            for (DnsMessage.Question q : d.questions()) {
                if (!q.name().endsWith(".arpa") && q.name().indexOf('.') > 0) {
                    s.observe(f, false, "dns.query", q.name().toLowerCase(Locale.ROOT), d.ts());
                }
            }
            return;
        }
        // PTR answers name the addresses they describe
        for (DnsMessage.ResourceRecord r : d.answers()) {
            if (r.type().equals("PTR") && r.name().endsWith(".in-addr.arpa") && r.data() != null) {
                Ip ip = reverse(r.name());
                AddressState a = ip == null || !s.knows(ip) ? null : s.addressAt(ip, d.ts());
                if (a != null && ip.isPrivate()) {
                    a.observe("hostname.dns_ptr", Names.stripDot(r.data()), d.ts(), 8);
                }
            }
        }
    }

    /** "4.3.2.1.in-addr.arpa" → 1.2.3.4; null for anything else. */
    static Ip reverse(String arpa) {
        String[] p = arpa.split("\\.");
        if (p.length != 6) {
            return null;
        }
        try {
            return Ip.parse(p[3] + "." + p[2] + "." + p[1] + "." + p[0]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
