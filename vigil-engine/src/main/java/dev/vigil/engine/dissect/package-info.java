/**
 * Extension points for protocols: a {@link dev.vigil.engine.dissect.Protocol} names itself, hints
 * at its ports and probes a flow's first bytes; its {@link dev.vigil.engine.dissect.StreamDissector}
 * (TCP, per flow), {@link dev.vigil.engine.dissect.DatagramDissector} (UDP) or
 * {@link dev.vigil.engine.dissect.FrameDissector} (layer 2) turn bytes into events. Dissectors are
 * chosen by port hint first and by probing next, so a protocol on a non-standard port is still
 * recognised.
 */
package dev.vigil.engine.dissect;
