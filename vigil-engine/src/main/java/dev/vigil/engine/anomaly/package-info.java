/**
 * Named anomalies: malformed, truncated or unusual input that decoders and parsers count instead of
 * throwing. The names are stable identifiers reported in {@code summary.json} under
 * {@code malformed}.
 */
package dev.vigil.engine.anomaly;
