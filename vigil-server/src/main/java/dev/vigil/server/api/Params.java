package dev.vigil.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.server.json.Json;
import io.javalin.http.Context;
import java.util.Map;

/** Reading query parameters and JSON bodies, with a 400 and a clear message for anything wrong. */
public final class Params {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    private Params() {
    }

    public static int limit(Context ctx) {
        return intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    public static int offset(Context ctx) {
        return intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    }

    public static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ApiError(400, "'" + name + "' must be a whole number from " + min + " to " + max + ", not '" + v + "'");
        }
    }

    /** A query parameter that must be one of {@code allowed}, or null. */
    public static String oneOf(Context ctx, String name, java.util.Collection<String> allowed) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (!allowed.contains(v)) {
            throw new ApiError(400, "'" + name + "' must be one of " + String.join(", ", allowed) + ", not '" + v + "'");
        }
        return v;
    }

    public static String str(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The body as a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> body(Context ctx) {
        String b = ctx.body();
        if (b == null || b.isBlank()) {
            return Map.of();
        }
        try {
            Object o = Json.MAPPER.readValue(b, Object.class);
            if (!(o instanceof Map)) {
                throw new ApiError(400, "the request body must be a JSON object");
            }
            return (Map<String, Object>) o;
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** A string field of a body: null when absent; 400 when not a string or too long. */
    public static String field(Map<String, Object> body, String name, int maxLength) {
        Object v = body.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new ApiError(400, "'" + name + "' must be a string");
        }
        if (s.length() > maxLength) {
            throw new ApiError(400, "'" + name + "' is longer than " + maxLength + " characters");
        }
        return s;
    }

    /** A list of strings of a body (or one string): null when absent; 400 when anything else. */
    public static java.util.List<String> strings(Map<String, Object> body, String name, int maxItems) {
        Object v = body.get(name);
        if (v == null) {
            return null;
        }
        java.util.List<?> l = v instanceof java.util.List<?> x ? x : java.util.List.of(v);
        if (l.size() > maxItems || !l.stream().allMatch(x -> x instanceof String y && y.length() <= 64)) {
            throw new ApiError(400, "'" + name + "' must be a list of at most " + maxItems + " strings");
        }
        return l.stream().map(String.class::cast).toList();
    }

    /** A whole number of a body: null when absent; 400 when anything else. */
    public static Integer integer(Map<String, Object> body, String name) {
        Object v = body.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Integer i)) {
            throw new ApiError(400, "'" + name + "' must be a whole number");
        }
        return i;
    }

    /**
     * The {@code changed_since} parameter: an ISO-8601 instant (with an offset or Z), as epoch
     * milliseconds; 0 when absent (since the beginning).
     */
    public static long since(Context ctx) {
        String v = str(ctx, "changed_since");
        if (v == null) {
            return 0;
        }
        try {
            return java.time.OffsetDateTime.parse(v).toInstant().toEpochMilli();
        } catch (java.time.format.DateTimeParseException e) {
            throw new ApiError(400, "'changed_since' must be an ISO-8601 time with its offset (2026-01-31T08:00:00Z), not '"
                    + v + "'");
        }
    }

    public static String required(Map<String, Object> body, String name, int maxLength) {
        String s = field(body, name, maxLength);
        if (s == null || s.isBlank()) {
            throw new ApiError(400, "'" + name + "' is required");
        }
        return s;
    }
}
