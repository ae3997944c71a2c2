package dev.vigil.engine.decode;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.anomaly.Anomaly.Kind;
import dev.vigil.engine.anomaly.AnomalyCounters;

/** A header cut short: malformed when the capture holds the whole frame, truncated when the snap length cut it. */
record HeaderCut(Anomaly malformed, Anomaly cut) {

    static HeaderCut of(String layer, String what) {
        return new HeaderCut(Anomaly.declare(layer + ".header_truncated", Kind.MALFORMED,
                what + " header shorter than its minimum in a frame captured whole"),
                Anomaly.declare("snaplen." + layer + "_header_cut", Kind.TRUNCATED,
                        what + " header cut by the capture's snap length"));
    }

    /** Counts the cut in {@code d}'s frame as the snap length's doing or as malformed; false, to return. */
    boolean count(AnomalyCounters anomalies, Decoded d) {
        anomalies.count(d.truncated ? cut : malformed);
        return false;
    }
}
