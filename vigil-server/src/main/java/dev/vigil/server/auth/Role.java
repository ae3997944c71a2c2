package dev.vigil.server.auth;

import java.util.Locale;

/** Roles, each allowed what the ones below it are. */
public enum Role implements io.javalin.security.RouteRole {
    VIEWER, ANALYST, ADMIN;

    public boolean atLeast(Role r) {
        return ordinal() >= r.ordinal();
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("role must be admin, analyst or viewer");
        }
    }
}
