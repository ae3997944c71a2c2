package dev.vigil.server.api.findings;

import static dev.vigil.server.api.Params.oneOf;
import static dev.vigil.server.api.Params.str;

import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.server.api.ApiError;
import dev.vigil.store.findings.FindingFilter;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The findings' filters as the query parameters give them; a value the catalogue lacks is a 400. */
public final class FindingParams {

    /** Severities, most severe last (the order of the catalogue's scale). */
    public static final List<String> SEVERITIES = List.of("info", "low", "medium", "high", "critical");
    /** Categories of the finding catalogue. */
    static final Set<String> CATEGORIES = Collections.unmodifiableSet(new TreeSet<>(
            FindingCatalog.bundled().all().stream().map(t -> t.category()).toList()));

    private FindingParams() {
    }

    /** The {@code type} filter: a type of the finding catalogue, else 400. */
    public static String type(Context ctx) {
        String t = str(ctx, "type");
        if (t != null && !FindingCatalog.bundled().has(t)) {
            throw new ApiError(400, "'type' must be a finding type of the catalogue (docs/findings.md), not '" + t + "'");
        }
        return t;
    }

    static FindingFilter filter(Context ctx) {
        return new FindingFilter(str(ctx, "device"), type(ctx), oneOf(ctx, "category", CATEGORIES), oneOf(ctx, "severity", SEVERITIES));
    }
}
