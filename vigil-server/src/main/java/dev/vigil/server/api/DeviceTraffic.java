package dev.vigil.server.api;

import dev.vigil.detect.inventory.Device;
import dev.vigil.server.store.Records;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * A device's traffic as its page shows it: the services it really offers (ports it answered on,
 * with the protocol recognised), the rest summed up (ports it never answered, probes of closed
 * ports; unrecognised ports of the dynamic range, the far end of its own connections), and its
 * peers, each with the names the device used for it and the services between them.
 */
final class DeviceTraffic {

    /** RFC 6335 §6: 49152–65535 is the dynamic range; Linux hands out 32768–60999 (ip_local_port_range). */
    static final int DYNAMIC_PORTS_FROM = 32768;
    /** Conversations read per address of the device, at most. */
    static final int MAX_EDGES = 2000;

    private DeviceTraffic() {
    }

    static Map<String, Object> of(Handle h, Device d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("traffic", d.traffic());
        List<Device.ServiceOffered> services = new ArrayList<>();
        long[] unanswered = new long[2];
        long[] dynamic = new long[2];
        for (Device.ServiceOffered o : d.servicesOffered()) {
            if (o.answered() == 0) {
                unanswered[0]++;
                unanswered[1] += o.flows();
            } else if (o.service() == null && o.port() >= DYNAMIC_PORTS_FROM) {
                dynamic[0]++;
                dynamic[1] += o.flows();
            } else {
                services.add(o);
            }
        }
        services.sort(Comparator.comparingLong(Device.ServiceOffered::flows).reversed()
                .thenComparingInt(Device.ServiceOffered::port));
        m.put("services", services);
        m.put("unanswered_ports", Map.of("ports", unanswered[0], "flows", unanswered[1]));
        m.put("dynamic_ports", Map.of("ports", dynamic[0], "flows", dynamic[1]));
        m.put("services_offered", d.servicesOffered());
        m.put("services_used", d.servicesUsed());
        List<String> ips = d.ips().stream().map(Device.Address::ip).distinct().toList();
        List<Map<String, Object>> edges = new ArrayList<>();
        for (String ip : ips) {
            edges.addAll(h.createQuery("SELECT src, dst, service, flows, bytes, last_seen, names FROM edges WHERE src = :ip "
                    + "OR dst = :ip ORDER BY bytes DESC LIMIT :n").bind("ip", ip).bind("n", MAX_EDGES).mapToMap().list());
        }
        m.put("peers", peers(h, ips, edges));
        m.put("conversations", edges.stream().limit(200).toList());
        return m;
    }

    private static List<Map<String, Object>> peers(Handle h, List<String> ips, List<Map<String, Object>> edges) {
        Map<String, Map<String, Object>> byPeer = new LinkedHashMap<>();
        for (Map<String, Object> e : edges) {
            boolean out = ips.contains((String) e.get("src"));
            String other = (String) (out ? e.get("dst") : e.get("src"));
            Map<String, Object> p = byPeer.computeIfAbsent(other, k -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("ip", k);
                x.put("device", null);
                x.put("names", new LinkedHashSet<String>());
                x.put("services", new TreeSet<String>());
                x.put("flows", 0L);
                x.put("bytes", 0L);
                x.put("last_seen", 0L);
                x.put("initiated", false);
                return x;
            });
            if (out) {
                p.put("initiated", true);
                ((Set<String>) cast(p.get("names"))).addAll(Records.tags((String) e.get("names")));
            }
            ((Set<String>) cast(p.get("services"))).add((String) e.get("service"));
            p.put("flows", (Long) p.get("flows") + ((Number) e.get("flows")).longValue());
            p.put("bytes", (Long) p.get("bytes") + ((Number) e.get("bytes")).longValue());
            p.put("last_seen", Math.max((Long) p.get("last_seen"), ((Number) e.get("last_seen")).longValue()));
        }
        for (Map<String, Object> p : byPeer.values()) {
            h.createQuery("SELECT device_id FROM device_ips WHERE ip = :ip").bind("ip", p.get("ip")).mapTo(String.class)
                    .findOne().ifPresent(id -> p.put("device", id));
        }
        List<Map<String, Object>> out = new ArrayList<>(byPeer.values());
        out.sort(Comparator.comparingLong((Map<String, Object> p) -> (Long) p.get("bytes")).reversed());
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }
}
