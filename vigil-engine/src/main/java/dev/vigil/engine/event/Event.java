package dev.vigil.engine.event;

/**
 * A fact the engine observed: immutable, policy-neutral, stamped with packet time. Whether a fact
 * matters is for the detectors to say. Every event type is a record in its protocol's package.
 */
public interface Event {

    /** Packet time, nanoseconds since the Unix epoch. */
    long ts();

    /** Short stable type name ("dhcp", "tls.client_hello"), used in logs and golden files. */
    String kind();
}
