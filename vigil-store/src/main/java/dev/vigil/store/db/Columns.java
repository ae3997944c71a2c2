package dev.vigil.store.db;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.Query;

/** Two-column results as maps, in the order the query gives them. */
public final class Columns {

    private Columns() {
    }

    /** key column → value column (a null value kept). */
    public static Map<String, String> pairs(Query q, String key, String value) {
        Map<String, String> out = new LinkedHashMap<>();
        q.map((rs, c) -> new String[] {rs.getString(key), rs.getString(value)}).forEach(r -> out.put(r[0], r[1]));
        return out;
    }

    /** First column → the count in the second. */
    public static Map<String, Long> counts(Query q) {
        Map<String, Long> out = new LinkedHashMap<>();
        q.map((rs, c) -> Map.entry(rs.getString(1), rs.getLong(2))).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
