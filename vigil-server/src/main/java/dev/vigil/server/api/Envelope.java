package dev.vigil.server.api;

import dev.vigil.store.db.Page;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Function;

/**
 * The standard answer of a list: one page of items, how many there are in all, and the limit and
 * offset that chose the page.
 */
public record Envelope<T>(List<T> items, long total, int limit, int offset) {

    /** A page the store chose, its rows as the API shows them. */
    public static <R, T> Envelope<T> of(Page<R> page, Function<R, T> view, int limit, int offset) {
        return new Envelope<>(page.items().stream().map(view).toList(), page.total(), limit, offset);
    }

    /** The request's page (limit and offset) of a list held whole (users, tokens). */
    public static <T> Envelope<T> slice(List<T> all, Context ctx) {
        return slice(all, Params.limit(ctx), Params.offset(ctx));
    }

    public static <T> Envelope<T> slice(List<T> all, int limit, int offset) {
        int from = Math.min(offset, all.size());
        return new Envelope<>(all.subList(from, (int) Math.min(all.size(), (long) from + limit)), all.size(), limit, offset);
    }
}
