package dev.vigil.detect.findings;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One finding's identity over time: what a later window says of a finding already known (the same
 * type, device and peer) folds into it. Its severity never goes down, its span widens, its counts
 * add up, its evidence is the latest but for the first detection time, which stays the first (what
 * the mean time to detect measures). Pure.
 */
public final class FindingMerge {

    private FindingMerge() {
    }

    /** {@code known} with what {@code later} adds. */
    public static Finding merge(Finding known, Finding later) {
        Map<String, Object> ev = new LinkedHashMap<>(later.evidence());
        if (known.evidence().get("detected_at") != null) {
            ev.put("detected_at", known.evidence().get("detected_at"));
        }
        return new Finding(later.type(), later.severity().compareTo(known.severity()) >= 0 ? later.severity() : known.severity(),
                later.title(), later.device(), later.peer(), min(known.firstSeen(), later.firstSeen()),
                max(known.lastSeen(), later.lastSeen()), known.count() + later.count(), ev, later.standards(),
                later.remediation());
    }

    private static String min(String a, String b) {
        return a == null ? b : b == null ? a : Instant.parse(a).compareTo(Instant.parse(b)) <= 0 ? a : b;
    }

    private static String max(String a, String b) {
        return a == null ? b : b == null ? a : Instant.parse(a).compareTo(Instant.parse(b)) >= 0 ? a : b;
    }
}
