package dev.vigil.detect.behavior;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The entries of a detector's state worth a closer look, in key order. Detectors decide at the end
 * of an analysis, and the service asks them at the end of every window, over state that grows with
 * the traffic: filtering on the cheap test first and sorting only what passes keeps each pass
 * proportional to what could be reported, while the key order keeps the findings reproducible.
 */
final class Candidates implements java.io.Serializable {

    private Candidates() {
    }

    static <K extends Comparable<? super K>, V> List<Map.Entry<K, V>> of(Map<K, V> state, Predicate<V> worthALook) {
        List<Map.Entry<K, V>> out = new ArrayList<>();
        for (Map.Entry<K, V> e : state.entrySet()) {
            if (worthALook.test(e.getValue())) {
                out.add(e);
            }
        }
        out.sort(Map.Entry.comparingByKey());
        return out;
    }
}
