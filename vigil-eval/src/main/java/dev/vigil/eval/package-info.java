/**
 * Scoring detection against labelled data ({@code vigil eval}): per-flow precision and recall where
 * flow logs carry labels, per-host detection with the right finding type where a capture comes with
 * a description of the attacker or victim, and false alarms per device-week on benign captures.
 */
package dev.vigil.eval;
