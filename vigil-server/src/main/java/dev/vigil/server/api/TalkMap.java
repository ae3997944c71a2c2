package dev.vigil.server.api;

import dev.vigil.detect.inventory.Device;
import dev.vigil.server.store.Records;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * What the talk map needs of each device to group, colour and find it: name, address, subnet
 * (the /24 of an IPv4 address, the /64 of an IPv6 one), VLANs, zone, tier, risk and open alerts.
 */
final class TalkMap {

    private TalkMap() {
    }

    static Map<String, Map<String, Object>> nodes(Handle h) {
        Map<String, Long> open = new LinkedHashMap<>();
        h.createQuery("SELECT device_id, COUNT(*) AS n FROM alerts WHERE status <> 'resolved' GROUP BY device_id").mapToMap()
                .forEach(r -> open.put((String) r.get("device_id"), ((Number) r.get("n")).longValue()));
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        h.createQuery("SELECT id, ip, vendor, type, tier, risk_level, risk, trust, zone, data FROM devices").mapToMap().forEach(r -> {
            Device d = Records.device((String) r.remove("data"));
            Map<String, Object> n = new LinkedHashMap<>(r);
            n.put("name", d.hostnames().isEmpty() ? null : d.hostnames().get(0));
            n.put("model", d.model());
            n.put("subnet", subnet((String) r.get("ip")));
            n.put("vlans", d.vlans());
            n.put("open_alerts", open.getOrDefault((String) r.get("id"), 0L));
            out.put((String) r.get("id"), n);
        });
        return out;
    }

    /** "10.1.2.0/24" for 10.1.2.3; "2001:db8:1:2::/64" for an address in that /64; null for none. */
    static String subnet(String ip) {
        dev.vigil.engine.net.Ip a = ip == null ? null : dev.vigil.engine.net.Ip.tryParse(ip);
        if (a == null) {
            return null;
        }
        if (ip.indexOf(':') < 0) {
            return ip.substring(0, ip.lastIndexOf('.')) + ".0/24";
        }
        long hi = a.hi();
        return String.format("%x:%x:%x:%x::/64", (hi >>> 48) & 0xffff, (hi >>> 32) & 0xffff, (hi >>> 16) & 0xffff, hi & 0xffff);
    }
}
