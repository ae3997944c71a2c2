/**
 * The flow table: bidirectional flows keyed by the canonical 5-tuple and VLAN, bounded by
 * {@link dev.vigil.engine.flow.FlowLimits}, with per-state idle timeouts, an emergency mode under
 * pressure, and eviction that always says why ({@link dev.vigil.engine.flow.EndReason}). Flow
 * history and connection state follow Zeek's conn.log so that packet and flow inputs meet the same
 * detectors.
 */
package dev.vigil.engine.flow;
