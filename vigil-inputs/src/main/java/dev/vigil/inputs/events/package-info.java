/**
 * Event logs as an input: the JSON lines {@code vigil analyze --events} writes, read back into the
 * engine's event records, so recorded events (a capture analysed elsewhere, a sensor's log) enter
 * detection through the same detect stage as the engine's.
 */
package dev.vigil.inputs.events;
