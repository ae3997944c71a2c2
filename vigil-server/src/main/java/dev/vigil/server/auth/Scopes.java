package dev.vigil.server.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an API token may reach within its role: {@code RESOURCE:read} (GET and HEAD),
 * {@code RESOURCE:write} (every method; it implies read), {@code *:read}, or {@code *} (all the
 * role allows). A resource is the first segment of a route after {@code /api/} ({@code devices},
 * {@code alerts}, …); {@code /metrics} is the {@code metrics} resource.
 */
public final class Scopes {

    /** The resources of the API, as routes name them. */
    public static final Set<String> RESOURCES = Set.of("devices", "findings", "alerts", "trust", "risk", "metrics", "graph",
            "report", "ingest", "users", "tokens", "audit", "keys", "retention", "settings", "policy", "quarantine");
    /** Questions asked with POST that change nothing: a read scope reaches them (the decision point, a simulation). */
    static final Set<String> QUESTIONS = Set.of("/api/policy/decide");
    /** Reachable by every token: who it is, the API's description. */
    static final Set<String> ALWAYS = Set.of("me", "openapi.json", "logout");

    private Scopes() {
    }

    /** Checks and normalises requested scopes; null or empty means {@code *}. */
    public static Set<String> parse(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            return Set.of("*");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String raw : requested) {
            String s = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
            int c = s.indexOf(':');
            String res = c < 0 ? s : s.substring(0, c);
            String level = c < 0 ? "" : s.substring(c + 1);
            boolean ok = s.equals("*") || (res.equals("*") || RESOURCES.contains(res)) && (level.equals("read") || level.equals("write"));
            if (!ok) {
                throw new IllegalArgumentException("scope '" + raw + "': expected RESOURCE:read or RESOURCE:write (RESOURCE one of "
                        + String.join(", ", new java.util.TreeSet<>(RESOURCES)) + ", or *), or *");
            }
            out.add(s);
        }
        return Set.copyOf(out);
    }

    /** The resource of a route path ({@code /api/devices/{id}} → devices). */
    static String resource(String path) {
        if (path.equals("/metrics")) {
            return "metrics";
        }
        String rest = path.startsWith("/api/") ? path.substring(5) : path;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        int dot = first.indexOf('.');
        return dot > 0 && !first.equals("openapi.json") ? first.substring(0, dot) : first;
    }

    /** True when {@code scopes} reach {@code method path}. */
    public static boolean allows(Set<String> scopes, String method, String path) {
        String res = resource(path);
        if (scopes.contains("*") || ALWAYS.contains(res)) {
            return true;
        }
        boolean read = method.equals("GET") || method.equals("HEAD") || method.equals("POST") && (QUESTIONS.contains(path)
                || path.startsWith("/api/policy/revisions/") && path.endsWith("/simulate"));
        return scopes.contains(res + ":write") || scopes.contains("*:write")
                || read && (scopes.contains(res + ":read") || scopes.contains("*:read"));
    }
}
