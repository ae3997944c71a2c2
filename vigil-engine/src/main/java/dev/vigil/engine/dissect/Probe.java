package dev.vigil.engine.dissect;

/** A protocol's verdict on the first bytes of a flow. */
public enum Probe {
    /** These bytes are this protocol. */
    MATCH,
    /** These bytes are not this protocol. */
    NO,
    /** Too few bytes to tell; offer more. */
    NEED_MORE
}
