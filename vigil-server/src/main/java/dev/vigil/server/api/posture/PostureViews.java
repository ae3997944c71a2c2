package dev.vigil.server.api.posture;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.store.alerts.AlertFigures;
import dev.vigil.store.devices.DeviceRow;
import dev.vigil.store.posture.TierEventDocument;
import dev.vigil.store.posture.TrustFactorDocument;
import dev.vigil.store.posture.TrustPoint;
import java.util.List;

/** The answers of the posture routes. */
final class PostureViews {

    private PostureViews() {
    }

    /** A change of tier. */
    record TierEvent(String device, String time, String from, String to, double score, List<String> causes) {

        static TierEvent of(TierEventDocument d) {
            return new TierEvent(d.device(), d.time(), d.from(), d.to(), d.score(), d.causes());
        }
    }

    record TierCount(String tier, long devices) {
    }

    /** A device of the lowest trust. */
    record TrustRank(String id, String ip, String vendor, String type, Double trust, String tier) {

        static TrustRank of(DeviceRow r) {
            return new TrustRank(r.id(), r.ip(), r.vendor(), r.type(), r.trust(), r.tier());
        }
    }

    /** A device of the highest risk. */
    record RiskRank(String id, String ip, String vendor, String type, Double risk, String riskLevel, Double trust) {

        static RiskRank of(DeviceRow r) {
            return new RiskRank(r.id(), r.ip(), r.vendor(), r.type(), r.risk(), r.riskLevel(), r.trust());
        }
    }

    /** A device of the report's top risk. */
    record ReportRank(String id, String ip, String vendor, String type, Double risk, String riskLevel, Double trust, String tier) {

        static ReportRank of(DeviceRow r) {
            return new ReportRank(r.id(), r.ip(), r.vendor(), r.type(), r.risk(), r.riskLevel(), r.trust(), r.tier());
        }
    }

    /** @param distribution devices per tenth of the trust scale, lowest first */
    record Trust(List<TierCount> tiers, List<Integer> distribution, List<TrustRank> lowest, List<TierEvent> tierEvents) {
    }

    record Risk(JsonNode riskLevels, JsonNode riskMatrix, JsonNode plan, List<RiskRank> top) {
    }

    /** The alert lifecycle in numbers; the means in seconds (wall clock), null with none. */
    record Lifecycle(long open, long acknowledged, long resolved, Double meanTimeToAcknowledgeSeconds,
            Double meanTimeToRespondSeconds) {

        static Lifecycle of(AlertFigures f) {
            return new Lifecycle(f.open(), f.acknowledged(), f.resolved(), seconds(f.meanAcknowledgeMillis()),
                    seconds(f.meanResolveMillis()));
        }

        private static Double seconds(Double millis) {
            return millis == null ? null : Math.round(millis / 10.0) / 100.0;
        }
    }

    record SeverityCount(String severity, long n) {
    }

    record CategoryCount(String category, long n) {
    }

    /** @param programme the programme metrics of the last assessment */
    record Metrics(String at, long devices, long findings, JsonNode tiers, JsonNode riskLevels, JsonNode programme,
            Lifecycle alerts, List<SeverityCount> findingsBySeverity, List<CategoryCount> findingsByCategory) {
    }

    /** One snapshot of the estate's history. */
    record Snapshot(String at, long devices, long findings, long openAlerts, JsonNode tiers, JsonNode riskLevels) {
    }

    record Report(String generated, String evidenceUntil, long devices, JsonNode tiers, JsonNode riskLevels, JsonNode riskMatrix,
            JsonNode metrics, Lifecycle alerts, JsonNode plan, List<ReportRank> topRisk) {
    }

    /** A point of a device's trust history. */
    record HistoryPoint(String ts, double score, String tier, List<TrustFactorDocument> factors) {

        static HistoryPoint of(TrustPoint p) {
            return new HistoryPoint(p.ts(), p.score(), p.tier(), p.factors());
        }
    }

    record TrustHistory(List<HistoryPoint> history, List<TierEvent> tierEvents) {
    }
}
