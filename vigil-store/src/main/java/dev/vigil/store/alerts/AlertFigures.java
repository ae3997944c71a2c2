package dev.vigil.store.alerts;

/**
 * The alert lifecycle in numbers.
 *
 * @param meanAcknowledgeMillis mean time from raised to acknowledged (wall clock), or null with none acknowledged
 * @param meanResolveMillis mean time from raised to resolved, or null with none resolved
 */
public record AlertFigures(long open, long acknowledged, long resolved, Double meanAcknowledgeMillis, Double meanResolveMillis) {
}
