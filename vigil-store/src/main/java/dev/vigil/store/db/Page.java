package dev.vigil.store.db;

import java.util.List;
import java.util.function.Function;

/**
 * One page of rows and how many rows the query selects in all.
 *
 * @param items the rows of the page
 * @param total rows the query selects, over every page
 */
public record Page<T>(List<T> items, long total) {

    public <U> Page<U> map(Function<T, U> f) {
        return new Page<>(items.stream().map(f).toList(), total);
    }
}
