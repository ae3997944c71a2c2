package dev.vigil.server.api;

import static dev.vigil.server.api.Params.oneOf;
import static dev.vigil.server.api.Params.str;

import dev.vigil.server.VigilServer;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * The filters of the inventory ({@code GET /api/devices}): search, type, vendor, owner, location,
 * zone, tag, tier, risk level, criticality. A value a filter cannot take (a type no rule gives, a
 * tier that does not exist) is refused with 400 instead of answering an empty page. Owners are
 * encrypted at rest, so the owner filter and the search decrypt them here, not in SQL.
 */
final class DeviceQuery {

    static final List<String> TIERS = List.of("trusted", "restricted", "quarantined");
    static final List<String> RISK_LEVELS = List.of("critical", "high", "medium", "low");
    /** A tag or zone as people write them: what {@code PATCH /api/devices/{id}} accepts. */
    static final String LABEL = "[a-z0-9 _.-]{1,40}";
    /** Devices whose owner matched the search, at most (the rest of the search still applies). */
    static final int MAX_OWNER_MATCHES = 5000;

    private DeviceQuery() {
    }

    /** Every type a device can have: the classifier's and any already stored (from a user's rules). */
    static SortedSet<String> types(VigilServer s, Handle h) {
        SortedSet<String> out = new TreeSet<>(s.config().analysis().inventory().rules().types());
        out.addAll(h.createQuery("SELECT DISTINCT type FROM devices WHERE type IS NOT NULL").mapTo(String.class).list());
        return out;
    }

    /** The WHERE clause of a request's filters. */
    static Filter filter(VigilServer s, Handle h, Context ctx) {
        Filter f = new Filter();
        String type = oneOf(ctx, "type", types(s, h));
        f.eq("type", "type", type);
        f.eq("tier", "tier", oneOf(ctx, "tier", TIERS));
        f.eq("risk_level", "risk_level", oneOf(ctx, "risk_level", RISK_LEVELS));
        f.eq("criticality", "criticality", oneOf(ctx, "criticality", Routes.CRITICALITY));
        caseless(f, "vendor", str(ctx, "vendor"));
        caseless(f, "location", str(ctx, "location"));
        String zone = label(ctx, "zone");
        caseless(f, "zone", zone);
        String tag = label(ctx, "tag");
        if (tag != null) {
            f.add("(',' || COALESCE(tags, '') || ',') LIKE :tag", "tag", "%," + tag + ",%");
        }
        String owner = str(ctx, "owner");
        if (owner != null) {
            ids(f, "owner_ids", owners(s, h, o -> o.equalsIgnoreCase(owner)));
        }
        String q = str(ctx, "q");
        if (q != null) {
            String needle = q.toLowerCase(Locale.ROOT);
            List<String> byOwner = owners(s, h, o -> o.toLowerCase(Locale.ROOT).contains(needle));
            StringBuilder clause = new StringBuilder("(");
            for (String c : List.of("id", "ip", "vendor", "type", "location", "zone", "purpose", "tags", "data")) {
                clause.append("lower(COALESCE(").append(c).append(", '')) LIKE :q OR ");
            }
            clause.append(byOwner.isEmpty() ? "1 = 0" : in("q_owner", byOwner.size())).append(')');
            f.add(clause.toString(), "q", "%" + needle.replace("%", "").replace("_", "") + "%");
            for (int i = 0; i < byOwner.size(); i++) {
                f.bind("q_owner" + i, byOwner.get(i));
            }
        }
        return f;
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

    private static void caseless(Filter f, String column, String value) {
        if (value != null) {
            f.add("lower(" + column + ") = :" + column, column, value.toLowerCase(Locale.ROOT));
        }
    }

    /** {@code id IN (:name0, …)}; no id at all matches nothing. */
    private static void ids(Filter f, String name, List<String> ids) {
        if (ids.isEmpty()) {
            f.add("1 = 0");
            return;
        }
        f.add(in(name, ids.size()));
        for (int i = 0; i < ids.size(); i++) {
            f.bind(name + i, ids.get(i));
        }
    }

    private static String in(String name, int n) {
        StringBuilder sb = new StringBuilder("id IN (");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? ":" : ", :").append(name).append(i);
        }
        return sb.append(')').toString();
    }

    /** The ids of devices whose decrypted owner passes {@code test}. */
    private static List<String> owners(VigilServer s, Handle h, java.util.function.Predicate<String> test) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> r : h.createQuery("SELECT id, owner_enc FROM devices WHERE owner_enc IS NOT NULL ORDER BY id")
                .mapToMap().list()) {
            String o = s.vault().decrypt((String) r.get("owner_enc"));
            if (o != null && test.test(o) && out.size() < MAX_OWNER_MATCHES) {
                out.add((String) r.get("id"));
            }
        }
        return out;
    }

    /** Values and how many devices have each, most common first: what the dashboard's filters offer. */
    static Map<String, Object> facets(VigilServer s, Handle h) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        Map<String, Long> types = new java.util.TreeMap<>();
        types(s, h).forEach(t -> types.put(t, 0L));
        h.createQuery("SELECT type, COUNT(*) AS n FROM devices WHERE type IS NOT NULL GROUP BY type").mapToMap()
                .forEach(r -> types.put((String) r.get("type"), ((Number) r.get("n")).longValue()));
        m.put("types", counts(types));
        m.put("vendors", caselessCounts(h.createQuery("SELECT vendor FROM devices WHERE vendor IS NOT NULL")
                .mapTo(String.class).list()));
        m.put("locations", caselessCounts(h.createQuery("SELECT location FROM devices WHERE location IS NOT NULL")
                .mapTo(String.class).list()));
        m.put("zones", caselessCounts(h.createQuery("SELECT zone FROM devices WHERE zone IS NOT NULL").mapTo(String.class)
                .list()));
        List<String> tags = new ArrayList<>();
        h.createQuery("SELECT tags FROM devices WHERE tags IS NOT NULL").mapTo(String.class)
                .forEach(t -> tags.addAll(dev.vigil.server.store.Records.tags(t)));
        m.put("tags", caselessCounts(tags));
        List<String> owners = new ArrayList<>();
        h.createQuery("SELECT owner_enc FROM devices WHERE owner_enc IS NOT NULL").mapTo(String.class)
                .forEach(o -> owners.add(s.vault().decrypt(o)));
        m.put("owners", caselessCounts(owners));
        m.put("tiers", TIERS);
        m.put("risk_levels", RISK_LEVELS);
        m.put("criticality", List.of("low", "medium", "high", "critical"));
        return m;
    }

    private static List<Map<String, Object>> counts(Map<String, Long> m) {
        List<Map<String, Object>> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(Map.of("value", k, "devices", v)));
        return out;
    }

    /** One entry per value whatever its case, spelt as most devices spell it, most devices first. */
    private static List<Map<String, Object>> caselessCounts(Collection<String> values) {
        Map<String, Map<String, Long>> spellings = new java.util.TreeMap<>();
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                spellings.computeIfAbsent(v.toLowerCase(Locale.ROOT), k -> new java.util.TreeMap<>()).merge(v, 1L, Long::sum);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        spellings.forEach((k, sp) -> {
            long n = sp.values().stream().mapToLong(Long::longValue).sum();
            String shown = sp.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            out.add(Map.of("value", shown, "devices", n));
        });
        out.sort((a, b) -> Long.compare((Long) b.get("devices"), (Long) a.get("devices")));
        return out;
    }
}
