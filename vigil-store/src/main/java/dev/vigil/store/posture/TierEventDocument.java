package dev.vigil.store.posture;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.detect.trust.TrustScorer;
import java.util.List;

/**
 * A change of a device's trust tier as {@code tier_events.data} holds it (version 1; documents
 * written before versions existed have no {@code v} and the same shape).
 *
 * @param causes finding types that moved the score
 */
public record TierEventDocument(
        @JsonProperty("v") int version,
        @JsonProperty("device") String device,
        @JsonProperty("time") String time,
        @JsonProperty("from") String from,
        @JsonProperty("to") String to,
        @JsonProperty("score") double score,
        @JsonProperty("causes") List<String> causes) {

    public static final int VERSION = 1;

    public static TierEventDocument of(TrustScorer.TierChange c) {
        return new TierEventDocument(VERSION, c.device(), c.time(), c.from(), c.to(), c.score(), c.causes());
    }
}
