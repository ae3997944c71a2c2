package dev.vigil.store.posture;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.detect.trust.TrustScorer;
import java.util.List;

/** One factor of a trust history point as {@code trust_history.factors} holds it. */
public record TrustFactorDocument(
        @JsonProperty("name") String name,
        @JsonProperty("points") double points,
        @JsonProperty("cap") double cap,
        @JsonProperty("findings") List<Contribution> findings) {

    /** One finding's part in the factor. */
    public record Contribution(@JsonProperty("type") String type, @JsonProperty("severity") String severity,
            @JsonProperty("points") double points, @JsonProperty("decay") double decay, @JsonProperty("lost") double lost,
            @JsonProperty("last_seen") String lastSeen) {
    }

    public static List<TrustFactorDocument> of(List<TrustScorer.Factor> factors) {
        return factors.stream().map(f -> new TrustFactorDocument(f.name(), f.points(), f.cap(), f.findings().stream()
                .map(c -> new Contribution(c.type(), c.severity(), c.points(), c.decay(), c.lost(), c.lastSeen())).toList()))
                .toList();
    }
}
