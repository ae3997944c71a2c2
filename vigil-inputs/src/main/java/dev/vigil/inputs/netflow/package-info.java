/**
 * NetFlow v5, NetFlow v9 (RFC 3954) and IPFIX (RFC 7011) as a {@link dev.vigil.engine.flow.FlowSource}:
 * export datagrams decoded with per-exporter templates, the two directions of a conversation paired
 * into one flow. Everything a sender can make it keep (exporters, templates, fields, datagrams a
 * second) is bounded by {@link dev.vigil.inputs.netflow.NetflowLimits}; what does not parse is
 * counted by name. The socket that receives the datagrams is the caller's.
 */
package dev.vigil.inputs.netflow;
