package dev.vigil.store.devices;

import java.util.ArrayList;
import java.util.List;

/** A list kept in one column: values separated by commas (a list people typed may use ; or | too). */
public final class Tags {

    private Tags() {
    }

    /** The values of a column, trimmed, without empty ones; none for null. */
    public static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        if (s == null || s.isBlank()) {
            return out;
        }
        for (String x : s.split("[;,|]")) {
            String t = x.trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
