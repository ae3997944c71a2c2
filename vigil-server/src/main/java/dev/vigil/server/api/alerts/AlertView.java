package dev.vigil.server.api.alerts;

import dev.vigil.store.alerts.AlertRow;

/**
 * An alert as the API shows it.
 *
 * @param status open, acknowledged or resolved
 * @param firstEvidence the first evidence's time (ISO-8601, packet time)
 * @param detectedAt when the evidence sufficed to detect it (packet time)
 * @param created when the store raised it (epoch ms)
 * @param acknowledged when it was acknowledged (epoch ms), or null
 * @param resolved when it was resolved (epoch ms), or null
 * @param updated last change (epoch ms)
 */
public record AlertView(String id, String findingId, String deviceId, String type, String severity, String title, String status,
        String assignee, String firstEvidence, String detectedAt, long created, Long acknowledged, Long resolved, long updated) {

    public static AlertView of(AlertRow a) {
        return new AlertView(a.id(), a.findingId(), a.deviceId(), a.type(), a.severity(), a.title(), a.status(), a.assignee(),
                a.firstEvidence(), a.detectedAt(), a.created(), a.acknowledged(), a.resolved(), a.updated());
    }
}
