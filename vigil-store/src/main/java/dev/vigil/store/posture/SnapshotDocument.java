package dev.vigil.store.posture;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The estate's figures at one assessment, as {@code metrics_snapshots.data} holds them (version 1;
 * documents written before versions existed have no {@code v} and the same shape). The parts the
 * store never reads (tiers, risk levels, the programme metrics, the plan, the risk matrix) are kept
 * as the JSON the API shows, which the API's own schema fixes.
 *
 * @param at the evidence time of the assessment (ISO-8601)
 */
public record SnapshotDocument(
        @JsonProperty("v") int version,
        @JsonProperty("at") String at,
        @JsonProperty("devices") long devices,
        @JsonProperty("findings") long findings,
        @JsonProperty("tiers") JsonNode tiers,
        @JsonProperty("risk_levels") JsonNode riskLevels,
        @JsonProperty("open_alerts") long openAlerts,
        @JsonProperty("metrics") JsonNode metrics,
        @JsonProperty("plan") JsonNode plan,
        @JsonProperty("risk_matrix") JsonNode riskMatrix) {

    public static final int VERSION = 1;
}
