package dev.vigil.server;

import dev.vigil.server.audit.AuditLog;
import dev.vigil.server.store.Store;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deletes what is older than its retention (by when it was last written, wall clock), per kind of
 * data, and a device's data on request. The audit log's oldest entries go too, after their
 * retention (two years by default); the chain records, keyed, where it now starts, so what remains
 * still verifies whole ({@link AuditLog#prune}).
 */
public final class Retention {

    private Retention() {
    }

    /** Applies the retention; returns rows deleted per kind. */
    public static Map<String, Integer> apply(Store store, Map<String, Integer> days, long now) {
        Map<String, Integer> out = new LinkedHashMap<>();
        store.writeVoid(h -> {
            for (Map.Entry<String, Integer> e : days.entrySet()) {
                if (e.getValue() == null || e.getValue() <= 0) {
                    continue;
                }
                long cutoff = now - e.getValue() * 86_400_000L;
                if (e.getKey().equals("audit")) {
                    out.put("audit", AuditLog.prune(h, cutoff));
                    continue;
                }
                String sql = switch (e.getKey()) {
                    case "trust_history" -> "DELETE FROM trust_history WHERE updated < :c";
                    case "metrics_snapshots" -> "DELETE FROM metrics_snapshots WHERE updated < :c";
                    case "resolved_alerts" -> "DELETE FROM alerts WHERE status = 'resolved' AND resolved < :c";
                    case "findings" -> "DELETE FROM findings WHERE updated < :c AND id NOT IN "
                            + "(SELECT finding_id FROM alerts WHERE status <> 'resolved')";
                    case "edges" -> "DELETE FROM edges WHERE updated < :c";
                    case "tier_events" -> "DELETE FROM tier_events WHERE updated < :c";
                    default -> throw new IllegalArgumentException("no retention for '" + e.getKey() + "'");
                };
                int n = h.createUpdate(sql).bind("c", cutoff).execute();
                if ("findings".equals(e.getKey())) {
                    h.createUpdate("DELETE FROM finding_packets WHERE finding_id NOT IN (SELECT id FROM findings)").execute();
                }
                if ("resolved_alerts".equals(e.getKey())) {
                    h.createUpdate("DELETE FROM alert_comments WHERE alert_id NOT IN (SELECT id FROM alerts)").execute();
                }
                out.put(e.getKey(), n);
            }
            h.createUpdate("DELETE FROM sessions WHERE expires < :t").bind("t", now).execute();
            int total = out.values().stream().mapToInt(Integer::intValue).sum();
            if (total > 0) {
                AuditLog.append(h, "system", "retention", null, out.toString());
            }
        });
        return out;
    }

    /** Deletes everything stored about a device; false when there is no such device. */
    public static boolean deleteDevice(Store store, String id, String actor) {
        return store.write(h -> {
            String data = h.createQuery("SELECT data FROM devices WHERE id = :id").bind("id", id).mapTo(String.class).findOne()
                    .orElse(null);
            if (data == null) {
                return false;
            }
            java.util.List<String> ips = new java.util.ArrayList<>();
            dev.vigil.server.store.Records.device(data).ips().forEach(i -> ips.add(i.ip()));
            h.createUpdate("DELETE FROM alert_comments WHERE alert_id IN (SELECT id FROM alerts WHERE device_id = :id)")
                    .bind("id", id).execute();
            h.createUpdate("DELETE FROM finding_packets WHERE finding_id IN (SELECT id FROM findings WHERE device_id = :id)")
                    .bind("id", id).execute();
            for (String t : new String[] {"alerts", "findings", "trust_history", "tier_events"}) {
                h.createUpdate("DELETE FROM " + t + " WHERE device_id = :id").bind("id", id).execute();
            }
            for (String ip : ips) {
                h.createUpdate("DELETE FROM edges WHERE src = :ip OR dst = :ip").bind("ip", ip).execute();
            }
            h.createUpdate("DELETE FROM device_ips WHERE device_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM devices WHERE id = :id").bind("id", id).execute();
            AuditLog.append(h, actor, "device.delete", id, "device and its findings, alerts, history and conversations");
            return true;
        });
    }
}
