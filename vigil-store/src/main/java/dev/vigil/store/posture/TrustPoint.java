package dev.vigil.store.posture;

import java.util.List;

/**
 * A point of a device's trust history.
 *
 * @param ts the evidence time it was assessed at (ISO-8601)
 */
public record TrustPoint(String deviceId, String ts, double score, String tier, List<TrustFactorDocument> factors) {
}
