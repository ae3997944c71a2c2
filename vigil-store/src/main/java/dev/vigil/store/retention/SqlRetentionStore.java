package dev.vigil.store.retention;

import dev.vigil.store.db.Database;
import dev.vigil.store.devices.DeviceDocuments;
import java.util.ArrayList;
import java.util.List;

/** {@link RetentionStore} in SQL. */
public final class SqlRetentionStore implements RetentionStore {

    private final Database db;

    public SqlRetentionStore(Database db) {
        this.db = db;
    }

    @Override
    public int deleteBefore(Kind kind, long cutoff) {
        String sql = switch (kind) {
            case TRUST_HISTORY -> "DELETE FROM trust_history WHERE updated < :c";
            case METRICS_SNAPSHOTS -> "DELETE FROM metrics_snapshots WHERE updated < :c";
            case RESOLVED_ALERTS -> "DELETE FROM alerts WHERE status = 'resolved' AND resolved < :c";
            case FINDINGS -> "DELETE FROM findings WHERE updated < :c AND id NOT IN "
                    + "(SELECT finding_id FROM alerts WHERE status <> 'resolved')";
            case EDGES -> "DELETE FROM edges WHERE updated < :c";
            case POLICY_DECISIONS -> "DELETE FROM policy_decisions WHERE decided < :c";
            case TIER_EVENTS -> "DELETE FROM tier_events WHERE updated < :c";
        };
        return db.write(h -> {
            int n = h.createUpdate(sql).bind("c", cutoff).execute();
            if (kind == Kind.EDGES) {
                // the flows a policy judges are conversations too, kept as long
                n += h.createUpdate("DELETE FROM policy_flows WHERE updated < :c").bind("c", cutoff).execute();
            }
            if (kind == Kind.FINDINGS) {
                h.createUpdate("DELETE FROM finding_packets WHERE finding_id NOT IN (SELECT id FROM findings)").execute();
            }
            if (kind == Kind.RESOLVED_ALERTS) {
                h.createUpdate("DELETE FROM alert_comments WHERE alert_id NOT IN (SELECT id FROM alerts)").execute();
            }
            return n;
        });
    }

    @Override
    public boolean eraseDevice(String id) {
        return db.write(h -> {
            String data = h.createQuery("SELECT data FROM devices WHERE id = :id").bind("id", id).mapTo(String.class).findOne()
                    .orElse(null);
            if (data == null) {
                return false;
            }
            List<String> ips = new ArrayList<>();
            DeviceDocuments.read(data).ips().forEach(i -> ips.add(i.ip()));
            h.createUpdate("DELETE FROM alert_comments WHERE alert_id IN (SELECT id FROM alerts WHERE device_id = :id)")
                    .bind("id", id).execute();
            h.createUpdate("DELETE FROM finding_packets WHERE finding_id IN (SELECT id FROM findings WHERE device_id = :id)")
                    .bind("id", id).execute();
            for (String t : new String[] {"alerts", "findings", "trust_history", "tier_events", "device_events"}) {
                h.createUpdate("DELETE FROM " + t + " WHERE device_id = :id").bind("id", id).execute();
            }
            for (String ip : ips) {
                h.createUpdate("DELETE FROM edges WHERE src = :ip OR dst = :ip").bind("ip", ip).execute();
                h.createUpdate("DELETE FROM policy_flows WHERE src = :ip OR dst = :ip").bind("ip", ip).execute();
            }
            h.createUpdate("DELETE FROM device_ips WHERE device_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM devices WHERE id = :id").bind("id", id).execute();
            return true;
        });
    }
}
