package dev.vigil.engine.dissect;

/** A layer-2 protocol's dissector (LLDP, CDP): the frame's payload after the link header. */
@FunctionalInterface
public interface FrameDissector {

    void onFrame(DissectorContext ctx, byte[] b, int off, int len);
}
