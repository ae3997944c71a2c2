package dev.vigil.detect.segmentation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps a device out of classification zones until its classification is stable, and in them
 * while it wavers: a value is admitted after {@link MembershipRule#observations()} consecutive
 * observations of it at or above the confidence threshold, and stays admitted until another value
 * has been admitted the same way. An observation below the threshold, or of a third value, breaks
 * the run. Each attribute (type, vendor, model) is tracked on its own. State is plain records, so a
 * store can keep it between windows.
 */
public final class Membership {

    /** The three classification attributes a zone may select on. */
    public static final List<String> ATTRIBUTES = List.of("type", "vendor", "model");

    /**
     * One attribute of one device.
     *
     * @param admitted the value zones see, or null before any is stable
     * @param candidate the value being counted, or null
     * @param run consecutive observations of the candidate
     */
    public record Track(String admitted, String candidate, int run) {
        static final Track EMPTY = new Track(null, null, 0);
    }

    /** What one observation of a device says: each attribute's value and confidence. */
    public record Observation(Map<String, String> values, Map<String, Double> confidence) {
    }

    private final MembershipRule rule;
    private final Map<String, Map<String, Track>> state = new TreeMap<>();

    public Membership(MembershipRule rule) {
        this(rule, Map.of());
    }

    /** Continues from a saved state (device id → attribute → track). */
    public Membership(MembershipRule rule, Map<String, Map<String, Track>> saved) {
        this.rule = rule;
        saved.forEach((d, m) -> state.put(d, new TreeMap<>(m)));
    }

    /** Counts one observation of a device; returns the admitted value of each attribute (null: none). */
    public Map<String, String> observe(String device, Observation o) {
        Map<String, Track> tracks = state.computeIfAbsent(device, k -> new TreeMap<>());
        Map<String, String> admitted = new HashMap<>();
        for (String a : ATTRIBUTES) {
            Track t = step(tracks.getOrDefault(a, Track.EMPTY), o.values().get(a), o.confidence().getOrDefault(a, 0.0));
            tracks.put(a, t);
            admitted.put(a, t.admitted());
        }
        return admitted;
    }

    Track step(Track t, String value, double confidence) {
        if (value == null || confidence < rule.confidence()) {
            return new Track(t.admitted(), null, 0);
        }
        if (value.equals(t.admitted())) {
            return new Track(t.admitted(), null, 0);
        }
        int run = value.equals(t.candidate()) ? t.run() + 1 : 1;
        if (run >= rule.observations()) {
            return new Track(value, null, 0);
        }
        return new Track(t.admitted(), value, run);
    }

    /** The admitted values of a device without observing it. */
    public Map<String, String> admitted(String device) {
        Map<String, String> out = new HashMap<>();
        Map<String, Track> tracks = state.getOrDefault(device, Map.of());
        for (String a : ATTRIBUTES) {
            out.put(a, tracks.getOrDefault(a, Track.EMPTY).admitted());
        }
        return out;
    }

    /** The state to save. */
    public Map<String, Map<String, Track>> state() {
        Map<String, Map<String, Track>> out = new TreeMap<>();
        state.forEach((d, m) -> out.put(d, Map.copyOf(m)));
        return out;
    }

    /** Devices still waiting for a stable value of an attribute they have, with how far they are. */
    public Map<String, String> pending() {
        Map<String, String> out = new TreeMap<>();
        state.forEach((d, m) -> m.forEach((a, t) -> {
            if (t.admitted() == null && t.candidate() != null) {
                out.put(d, a + " " + t.candidate() + ": " + t.run() + " of " + rule.observations() + " observations");
            }
        }));
        return out;
    }
}
