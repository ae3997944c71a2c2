package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Ip;
import java.util.Locale;

/**
 * The policy entry that would have allowed a denied flow, written as a line of the policy file:
 * the source as its first zone (or, before it, a zone to create for the device), the destination as a
 * controller of the policy, the DNS name an answer gave for it, the destination device's zone, or
 * its address, and the service.
 */
final class MissingEntry {

    private MissingEntry() {
    }

    static String of(Policy p, PolicyContext ctx, Subject s, Ip src, Ip dst, int proto, int port, long at) {
        String zone = "";
        String from = zoneOf(p, s, src, null);
        if (from == null && s != null) {
            // the device is in no zone yet: the entry starts with one of its own
            String ident = s.mac() != null ? "mac:" + s.mac() : s.id();
            from = "dev-" + slug(ident.replace("mac:", "").replace("ip:", "").replace(":", ""));
            zone = "zone " + from + " device=" + ident + "; ";
        } else if (from == null) {
            from = "net:" + src + (src.isV4() ? "/32" : "/128");
        }
        String to = null;
        for (java.util.Map.Entry<String, java.util.List<Ip>> c : p.controllers().entrySet()) {
            if (c.getValue().contains(dst)) {
                to = new Target.Controller(c.getKey()).text();
            }
        }
        for (DnsView.Binding b : to != null ? java.util.List.<DnsView.Binding>of() : ctx.dns().at(dst, at)) {
            to = "name:" + b.name();
            break;
        }
        if (to == null) {
            Subject d = ctx.owner(dst);
            to = zoneOf(p, d, dst, null);
            if (to == null || d == null) {
                to = "net:" + dst + (dst.isV4() ? "/32" : "/128");
            }
        }
        int pt = Service.normalPort(proto, port);
        String svc = new Service(proto, proto, pt, pt).toString();
        String name = (slug(from) + "-" + slug(to) + "-" + slug(svc));
        if (name.length() > 48) {
            name = name.substring(0, 48);
        }
        return zone + "allow " + name + ": " + from + " -> " + to + " " + svc;
    }

    private static String zoneOf(Policy p, Subject s, Ip ip, String otherwise) {
        for (Zone z : p.zones().values()) {
            if (z.contains(s, ip)) {
                return z.name();
            }
        }
        return otherwise;
    }

    private static String slug(String s) {
        String t = s.toLowerCase(Locale.ROOT).replaceAll("^(name|net|controller):", "").replaceAll("[^a-z0-9]+", "-");
        t = t.replaceAll("^-+|-+$", "");
        return t.isEmpty() ? "x" : t;
    }
}
