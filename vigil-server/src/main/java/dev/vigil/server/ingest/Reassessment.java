package dev.vigil.server.ingest;

/** Assessing a device again at once, when what people said of it or its alerts changed. */
public interface Reassessment {

    /** Trust, risk and plan of one device now; its tier changes go to the outputs. */
    void device(String id);
}
