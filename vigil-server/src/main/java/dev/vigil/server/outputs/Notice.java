package dev.vigil.server.outputs;

import java.util.Map;

/**
 * Something about Vigil itself that a SIEM should hear of: an account under lockout-level
 * sign-in throttling ({@code login.throttle}), the audit log's head anchored outside the store
 * ({@code audit.anchor}).
 *
 * @param kind a dotted name
 * @param severity info, low, medium, high or critical
 * @param text one sentence for people
 * @param fields what the kind carries, as strings and numbers, in the order the outputs write them
 */
public record Notice(String kind, String severity, String text, Map<String, Object> fields) {

    /** Fields in the order given: name, value, name, value, … */
    public static Map<String, Object> fields(Object... nameValue) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValue.length; i += 2) {
            m.put((String) nameValue[i], nameValue[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
