package dev.vigil.server.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/** The WHERE clause of a list route, its bound values, and the page it selects. */
final class Filter {

    private final List<String> where = new ArrayList<>();
    private final Map<String, Object> bind = new LinkedHashMap<>();

    /** Adds {@code column = :name} when {@code value} is given. */
    Filter eq(String column, String name, Object value) {
        return value == null ? this : add(column + " = :" + name, name, value);
    }

    /** Adds a clause using {@code :name}, bound to {@code value}. */
    Filter add(String clause, String name, Object value) {
        where.add(clause);
        bind.put(name, value);
        return this;
    }

    /** Adds a clause without a parameter. */
    Filter add(String clause) {
        where.add(clause);
        return this;
    }

    String sql() {
        return where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    }

    /** Every row of {@code SELECT columns FROM table WHERE … ORDER BY order}. */
    <T> List<T> all(Handle h, String columns, String table, String order, RowMapper<T> mapper) {
        Query rows = h.createQuery("SELECT " + columns + " FROM " + table + sql() + " ORDER BY " + order);
        bind.forEach(rows::bind);
        return rows.map(mapper).list();
    }

    /** {items, total, limit, offset} of {@code SELECT columns FROM table WHERE … ORDER BY order}. */
    <T> Map<String, Object> page(Handle h, String columns, String table, String order, int limit, int offset,
            RowMapper<T> mapper) {
        Query count = h.createQuery("SELECT COUNT(*) FROM " + table + sql());
        bind.forEach(count::bind);
        long total = count.mapTo(Long.class).one();
        Query rows = h.createQuery("SELECT " + columns + " FROM " + table + sql() + " ORDER BY " + order
                + " LIMIT :lim OFFSET :off");
        bind.forEach(rows::bind);
        return Routes.page(rows.bind("lim", limit).bind("off", offset).map(mapper).list(), total, limit, offset);
    }
}
