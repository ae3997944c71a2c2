package dev.vigil.engine.flow;

/**
 * One flow record from another tool: the flow, and what the tool knew about its two ends.
 *
 * @param flow the flow as the engine's own record ({@link EndReason#RECORD})
 * @param localOrig the tool says the client is on a monitored network (Zeek's local_orig), or null
 *     when it does not say
 * @param localResp the same of the server (Zeek's local_resp), or null
 */
public record FlowRecord(FlowEnded flow, Boolean localOrig, Boolean localResp) {

    /** A record that says nothing about locality (NetFlow, IPFIX). */
    public static FlowRecord of(FlowEnded flow) {
        return new FlowRecord(flow, null, null);
    }
}
