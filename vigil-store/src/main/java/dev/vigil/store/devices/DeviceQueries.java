package dev.vigil.store.devices;

import dev.vigil.store.db.Columns;
import dev.vigil.store.db.FieldCipher;
import dev.vigil.store.db.Where;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;

/**
 * The inventory's filters as SQL, and the values they can take. Owners are encrypted at rest, so the
 * owner filter and the search decrypt them here, not in SQL.
 */
final class DeviceQueries {

    /** Devices whose owner matched the search, at most (the rest of the search still applies). */
    static final int MAX_OWNER_MATCHES = 5000;
    /** The columns the search looks in, besides the owner. */
    static final List<String> SEARCHED = List.of("id", "ip", "vendor", "type", "location", "zone", "purpose", "tags", "data");

    private final FieldCipher cipher;

    DeviceQueries(FieldCipher cipher) {
        this.cipher = cipher;
    }

    Where where(Handle h, DeviceFilter f) {
        Where w = new Where();
        w.eq("type", "type", f.type()).eq("tier", "tier", f.tier()).eq("risk_level", "risk_level", f.riskLevel())
                .eq("criticality", "criticality", f.criticality());
        caseless(w, "vendor", f.vendor());
        caseless(w, "location", f.location());
        caseless(w, "zone", f.zone());
        if (f.tag() != null) {
            w.add("(',' || COALESCE(tags, '') || ',') LIKE :tag", "tag", "%," + f.tag() + ",%");
        }
        if (f.owner() != null) {
            w.in("id", "owner_ids", owners(h, o -> o.equalsIgnoreCase(f.owner())));
        }
        if (f.q() != null) {
            String needle = f.q().toLowerCase(Locale.ROOT);
            List<String> byOwner = owners(h, o -> o.toLowerCase(Locale.ROOT).contains(needle));
            StringBuilder clause = new StringBuilder("(");
            for (String c : SEARCHED) {
                clause.append("lower(COALESCE(").append(c).append(", '')) LIKE :q OR ");
            }
            clause.append(byOwner.isEmpty() ? "1 = 0" : Where.inClause("id", "q_owner", byOwner.size())).append(')');
            w.add(clause.toString(), "q", "%" + needle.replace("%", "").replace("_", "") + "%");
            for (int i = 0; i < byOwner.size(); i++) {
                w.bind("q_owner" + i, byOwner.get(i));
            }
        }
        return w;
    }

    private static void caseless(Where w, String column, String value) {
        if (value != null) {
            w.add("lower(" + column + ") = :" + column, column, value.toLowerCase(Locale.ROOT));
        }
    }

    /** The ids of devices whose decrypted owner passes {@code test}, at most {@link #MAX_OWNER_MATCHES}. */
    private List<String> owners(Handle h, Predicate<String> test) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> r : Columns.pairs(h.createQuery("SELECT id, owner_enc FROM devices "
                + "WHERE owner_enc IS NOT NULL ORDER BY id"), "id", "owner_enc").entrySet()) {
            String o = cipher.decrypt(r.getValue());
            if (o != null && test.test(o) && out.size() < MAX_OWNER_MATCHES) {
                out.add(r.getKey());
            }
        }
        return out;
    }

    DeviceFacetValues facets(Handle h) {
        Map<String, Long> types = Columns.counts(h.createQuery("SELECT type, COUNT(*) AS n FROM devices WHERE type IS NOT NULL "
                + "GROUP BY type"));
        List<String> tags = new ArrayList<>();
        column(h, "tags").forEach(t -> tags.addAll(Tags.split(t)));
        List<String> owners = new ArrayList<>();
        column(h, "owner_enc").forEach(o -> owners.add(cipher.decrypt(o)));
        return new DeviceFacetValues(types, column(h, "vendor"), column(h, "location"), column(h, "zone"), tags, owners);
    }

    private static List<String> column(Handle h, String column) {
        return h.createQuery("SELECT " + column + " FROM devices WHERE " + column + " IS NOT NULL").mapTo(String.class).list();
    }
}
