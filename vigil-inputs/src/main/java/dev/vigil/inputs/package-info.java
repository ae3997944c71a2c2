/**
 * Inputs in one place: what a user names on the command line ({@link dev.vigil.inputs.Inputs}), and
 * the sources of events other than the engine's packets, each behind the engine's
 * {@link dev.vigil.engine.flow.FlowSource}: Zeek conn.logs ({@code zeek}), NetFlow and IPFIX
 * ({@code netflow}), and event logs written by {@code vigil analyze --events} ({@code events}).
 * Depends on the engine only: detection sees events, never how they were read.
 */
package dev.vigil.inputs;
