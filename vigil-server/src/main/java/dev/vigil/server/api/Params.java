package dev.vigil.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.server.store.Json;
import io.javalin.http.Context;
import java.util.Map;

/** Reading query parameters and JSON bodies, with a 400 and a clear message for anything wrong. */
final class Params {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private Params() {
    }

    static int limit(Context ctx) {
        return intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    static int offset(Context ctx) {
        return intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    }

    static int intParam(Context ctx, String name, int dflt, int min, int max) {
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
    static String oneOf(Context ctx, String name, java.util.Collection<String> allowed) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (!allowed.contains(v)) {
            throw new ApiError(400, "'" + name + "' must be one of " + String.join(", ", allowed) + ", not '" + v + "'");
        }
        return v;
    }

    static String str(Context ctx, String name) {
        String v = ctx.queryParam(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** The body as a JSON object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> body(Context ctx) {
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
    static String field(Map<String, Object> body, String name, int maxLength) {
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
    static java.util.List<String> strings(Map<String, Object> body, String name, int maxItems) {
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
    static Integer integer(Map<String, Object> body, String name) {
        Object v = body.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Integer i)) {
            throw new ApiError(400, "'" + name + "' must be a whole number");
        }
        return i;
    }

    static String required(Map<String, Object> body, String name, int maxLength) {
        String s = field(body, name, maxLength);
        if (s == null || s.isBlank()) {
            throw new ApiError(400, "'" + name + "' is required");
        }
        return s;
    }
}
