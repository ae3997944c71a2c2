package dev.vigil.server.api.devices;

import static dev.vigil.server.api.Params.oneOf;
import static dev.vigil.server.api.Params.str;

import dev.vigil.server.api.ApiError;
import dev.vigil.store.devices.DeviceFilter;
import dev.vigil.store.devices.Tags;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The inventory's filters as the query parameters give them, and the labels people write (tags and
 * zones). A value a filter cannot take (a type no rule gives, a tier that does not exist) is
 * refused with 400 instead of answering an empty page.
 */
final class DeviceParams {

    static final List<String> TIERS = List.of("trusted", "restricted", "quarantined");
    static final List<String> RISK_LEVELS = List.of("critical", "high", "medium", "low");
    static final List<String> CRITICALITY = List.of("low", "medium", "high", "critical");
    /** A tag or zone as people write them: what {@code PATCH /api/devices/{id}} accepts. */
    static final String LABEL = "[a-z0-9 _.-]{1,40}";

    private DeviceParams() {
    }

    /** The filters of a request; {@code types} are every type a device can have. */
    static DeviceFilter filter(Context ctx, Collection<String> types) {
        return new DeviceFilter(oneOf(ctx, "type", types), oneOf(ctx, "tier", TIERS), oneOf(ctx, "risk_level", RISK_LEVELS),
                oneOf(ctx, "criticality", CRITICALITY), str(ctx, "vendor"), str(ctx, "location"), label(ctx, "zone"),
                label(ctx, "tag"), str(ctx, "owner"), str(ctx, "q"));
    }

    /** A tag or zone filter: lower case, the characters a label may have, else 400. */
    private static String label(Context ctx, String name) {
        String v = str(ctx, name);
        if (v == null) {
            return null;
        }
        String l = v.toLowerCase(Locale.ROOT);
        if (!l.matches(LABEL)) {
            throw new ApiError(400, "'" + name + "' must be 1 to 40 letters, digits, space, _ . or -, not '" + v + "'");
        }
        return l;
    }

    /** A zone as stored: lower case, the characters of a label; "" or null clears it. */
    static String zone(String v) {
        if (v == null || v.isBlank()) {
            return v;
        }
        String z = v.trim().toLowerCase(Locale.ROOT);
        if (!z.matches(LABEL)) {
            throw new ApiError(400, "zone '" + v + "' must be 1 to 40 letters, digits, space, _ . or -");
        }
        return z;
    }

    /** Tags as stored (comma-separated, lower case, no repeats) from a list or a separated string; "" for none. */
    static String tags(Object v) {
        if (v == null) {
            return "";
        }
        List<String> t;
        if (v instanceof List<?> l) {
            t = l.stream().map(String::valueOf).toList();
        } else if (v instanceof String x) {
            t = Tags.split(x);
        } else {
            throw new ApiError(400, "'tags' must be a list of strings or a comma-separated string");
        }
        List<String> clean = new ArrayList<>();
        for (String x : t) {
            String y = x.trim().toLowerCase(Locale.ROOT);
            if (!y.matches(LABEL)) {
                throw new ApiError(400, "tag '" + x + "' must be 1 to 40 letters, digits, space, _ . or -");
            }
            if (!clean.contains(y)) {
                clean.add(y);
            }
        }
        return String.join(",", clean);
    }
}
