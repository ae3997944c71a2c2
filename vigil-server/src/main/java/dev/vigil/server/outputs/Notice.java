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
 * @param fields what the kind carries, as strings and numbers
 */
public record Notice(String kind, String severity, String text, Map<String, Object> fields) {
}
