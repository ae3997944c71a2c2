/**
 * The flow table: bidirectional flows keyed by the canonical 5-tuple and VLAN, bounded by
 * {@link dev.vigil.engine.flow.FlowLimits}, with per-state idle timeouts, an emergency mode under
 * pressure, and eviction that always says why ({@link dev.vigil.engine.flow.EndReason}). Flow
 * history and connection state follow Zeek's conn.log so that packet and flow inputs meet the same
 * detectors: flow records of other tools come in through a {@link dev.vigil.engine.flow.FlowSource}
 * as the same {@link dev.vigil.engine.flow.FlowEnded}. Events that belong to a flow are
 * {@link dev.vigil.engine.flow.FlowEvent}s; {@link dev.vigil.engine.flow.PacketRing} keeps the last
 * packets of recent flows in memory allocated once, for the packets behind a finding.
 */
package dev.vigil.engine.flow;
