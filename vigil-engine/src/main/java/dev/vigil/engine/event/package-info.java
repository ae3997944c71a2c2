/**
 * Events: immutable, policy-neutral facts with packet time, emitted by dissectors and the flow
 * table and consumed through an {@link dev.vigil.engine.event.EventSink}. Secrets seen on the wire
 * travel as {@link dev.vigil.engine.event.Secret}, which never prints in clear.
 */
package dev.vigil.engine.event;
