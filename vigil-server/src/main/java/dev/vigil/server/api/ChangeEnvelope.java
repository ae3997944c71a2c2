package dev.vigil.server.api;

import dev.vigil.store.db.Changes;
import java.util.List;
import java.util.function.Function;

/**
 * A page of a change feed in the standard envelope: the rows written since a time, in the order
 * they were written, and the cursor to ask for the next page with, now or later.
 *
 * @param offset rows of the feed before this page
 * @param nextCursor where the next page starts ({@code cursor=}); with {@code more} false, ask again later
 * @param more whether rows follow this page now
 */
public record ChangeEnvelope<T>(List<T> items, long total, int limit, long offset, String nextCursor, boolean more) {

    public static <R, T> ChangeEnvelope<T> of(Changes<R> c, Function<R, T> view, int limit) {
        return new ChangeEnvelope<>(c.items().stream().map(view).toList(), c.total(), limit, c.before(), Cursors.encode(c.next()),
                c.more());
    }
}
