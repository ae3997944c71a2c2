package dev.vigil.server.ingest;

import java.time.Instant;

/** ISO-8601 instants as the contract writes them, compared as instants (not as strings). */
public final class Times {

    private Times() {
    }

    public static String min(String a, String b) {
        return a == null ? b : b == null ? a : Instant.parse(a).compareTo(Instant.parse(b)) <= 0 ? a : b;
    }

    public static String max(String a, String b) {
        return a == null ? b : b == null ? a : Instant.parse(a).compareTo(Instant.parse(b)) >= 0 ? a : b;
    }

}
