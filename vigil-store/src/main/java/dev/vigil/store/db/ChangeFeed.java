package dev.vigil.store.db;

import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * A page of a change feed over a table with {@code updated} (epoch ms) and {@code change_seq}: rows
 * written at or after a time, by (change_seq, id), after a cursor (keyset paging: a row written
 * again gets a larger change number and comes later; nothing is skipped, nothing read twice unless
 * it was written again).
 */
public final class ChangeFeed {

    private ChangeFeed() {
    }

    public static <T> Changes<T> page(Handle h, String table, String columns, long sinceMillis, ChangeCursor after, int limit,
            RowMapper<T> mapper, ToLongFunction<T> changeOf, Function<T, String> idOf) {
        String since = " WHERE updated >= :since";
        String past = " AND (change_seq > :c OR (change_seq = :c AND id > :id))";
        long total = h.createQuery("SELECT COUNT(*) FROM " + table + since).bind("since", sinceMillis).mapTo(Long.class).one();
        long before = h.createQuery("SELECT COUNT(*) FROM " + table + since + " AND NOT (change_seq > :c OR (change_seq = :c "
                + "AND id > :id))").bind("since", sinceMillis).bind("c", after.change()).bind("id", after.id()).mapTo(Long.class).one();
        List<T> rows = h.createQuery("SELECT " + columns + " FROM " + table + since + past + " ORDER BY change_seq, id LIMIT :n")
                .bind("since", sinceMillis).bind("c", after.change()).bind("id", after.id()).bind("n", limit + 1).map(mapper).list();
        boolean more = rows.size() > limit;
        List<T> page = more ? rows.subList(0, limit) : rows;
        T last = page.isEmpty() ? null : page.get(page.size() - 1);
        return new Changes<>(List.copyOf(page), total, before,
                last == null ? after : new ChangeCursor(changeOf.applyAsLong(last), idOf.apply(last)), more);
    }
}
