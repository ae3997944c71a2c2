package dev.vigil.store.db;

import java.util.List;
import java.util.function.Function;

/**
 * A page of a change feed: rows written at or after a time, in the order they were written.
 *
 * @param items the rows, by (change, id)
 * @param total rows written at or after the time, over every page
 * @param before rows of the feed before this page
 * @param next the cursor after this page: where the next page starts, now or when more rows were written
 * @param more whether rows follow this page now
 */
public record Changes<T>(List<T> items, long total, long before, ChangeCursor next, boolean more) {

    public <U> Changes<U> map(Function<T, U> f) {
        return new Changes<>(items.stream().map(f).toList(), total, before, next, more);
    }
}
