package dev.vigil.detect.policy;

/**
 * Trust tiers from scores, with hysteresis: a device changes tier only when its score passes a
 * threshold by {@code margin}, so a score that wavers around a threshold does not flap between
 * tiers (and the outputs, between alerts). A device with an open detection is held below trusted
 * whatever its score. Pure; the thresholds are the trust configuration's ({@code tier.*}).
 *
 * @param trusted the score from which a device is trusted
 * @param quarantined the score below which it is quarantined
 * @param margin how far past a threshold a score must go to change a tier already given
 */
public record TierPolicy(double trusted, double quarantined, double margin) {

    /** The tier a score leads to from the current tier (null: none yet, no hysteresis). */
    public Tier next(Tier current, double score) {
        if (current == null) {
            return score >= trusted ? Tier.TRUSTED : score >= quarantined ? Tier.RESTRICTED : Tier.QUARANTINED;
        }
        return switch (current) {
            case TRUSTED -> score < quarantined - margin ? Tier.QUARANTINED
                    : score < trusted - margin ? Tier.RESTRICTED : Tier.TRUSTED;
            case RESTRICTED -> score >= trusted + margin ? Tier.TRUSTED
                    : score < quarantined - margin ? Tier.QUARANTINED : Tier.RESTRICTED;
            case QUARANTINED -> score >= trusted + margin ? Tier.TRUSTED
                    : score >= quarantined + margin ? Tier.RESTRICTED : Tier.QUARANTINED;
        };
    }

    /**
     * The tier a device with open detections may have at most: restricted (or lower, by its score).
     * The hysteresis of {@link #next} works on the score; this works on top of it.
     */
    public static Tier held(Tier tier, boolean openDetection) {
        return openDetection && tier == Tier.TRUSTED ? Tier.RESTRICTED : tier;
    }

    /**
     * The tier to keep for a device the store already gave a tier: hysteresis against the stored
     * tier, held below trusted by an open detection. A device assessed for the first time (no stored
     * tier) keeps the tier its own history gave ({@code assessed}).
     *
     * @param stored the tier stored for it, or null
     * @param assessed the tier its assessment gave
     */
    public String afterStored(String stored, String assessed, double score, boolean openDetection) {
        return stored == null ? assessed : held(next(Tier.of(stored), score), openDetection).label();
    }
}
