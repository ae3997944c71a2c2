package dev.vigil.store.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * An alert: a detection finding that needs a person. Its lifecycle (open, acknowledged, resolved,
 * reopened by new evidence) gives the mean time to respond.
 *
 * @param id the alert's id (its finding's id)
 * @param findingId the finding it raises
 * @param deviceId the device it is about
 * @param type the finding type
 * @param severity the finding's severity
 * @param title one line
 * @param status open, acknowledged or resolved
 * @param assignee who works on it, or null
 * @param firstEvidence the first evidence's time (ISO-8601, packet time)
 * @param detectedAt when the evidence sufficed to detect it (packet time)
 * @param created when the store raised it (epoch ms)
 * @param acknowledged when it was acknowledged (epoch ms), or null
 * @param resolved when it was resolved (epoch ms), or null
 * @param updated last change (epoch ms)
 */
public record AlertRow(String id, String findingId, String deviceId, String type, String severity, String title,
        String status, String assignee, String firstEvidence, String detectedAt, long created, Long acknowledged,
        Long resolved, long updated) {

    static AlertRow of(ResultSet rs) throws SQLException {
        long ack = rs.getLong("acknowledged");
        boolean ackNull = rs.wasNull();
        long res = rs.getLong("resolved");
        boolean resNull = rs.wasNull();
        return new AlertRow(rs.getString("id"), rs.getString("finding_id"), rs.getString("device_id"), rs.getString("type"),
                rs.getString("severity"), rs.getString("title"), rs.getString("status"), rs.getString("assignee"),
                rs.getString("first_evidence"), rs.getString("detected_at"), rs.getLong("created"), ackNull ? null : ack,
                resNull ? null : res, rs.getLong("updated"));
    }
}
