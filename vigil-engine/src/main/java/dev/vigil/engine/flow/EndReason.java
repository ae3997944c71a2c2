package dev.vigil.engine.flow;

/** Why a flow left the table. */
public enum EndReason {
    /** Idle for longer than its state's timeout. */
    IDLE_TIMEOUT,
    /** A TCP flow closed (FIN both ways, or RST) and its closing grace period passed. */
    TCP_CLOSED,
    /** Idle beyond the shortened timeouts of emergency mode (the table was nearly full). */
    EMERGENCY,
    /** Evicted, least recently used, to make room for a new flow in a full table. */
    CAPACITY,
    /** The input ended (the end of a capture, or of one of the service's windows): it may go on in the next. */
    END_OF_INPUT,
    /** A flow record of another tool (a Zeek conn.log row, a NetFlow or IPFIX record), ended as that tool saw it. */
    RECORD
}
