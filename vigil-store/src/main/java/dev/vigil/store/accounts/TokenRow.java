package dev.vigil.store.accounts;

import java.util.List;

/**
 * An API token as stored (its hash only).
 *
 * @param scopes what it may reach
 * @param createdBy the name of the user who made it, or null (made before tokens had makers, or its maker is gone)
 */
public record TokenRow(String name, String role, List<String> scopes, long created, long expires, long lastUsed,
        boolean revoked, String createdBy) {
}
