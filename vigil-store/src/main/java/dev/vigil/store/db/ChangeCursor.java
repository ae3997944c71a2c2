package dev.vigil.store.db;

/**
 * Where a reader of a change feed is: the change number and id of the last row it read. Rows are
 * listed by (change, id); a row written again takes a later change number, so it comes after the
 * cursor, never before it.
 *
 * @param change the change number of the last row read (0: rows written before the feed existed)
 * @param id the id of the last row read
 */
public record ChangeCursor(long change, String id) {

    /** The start of a feed. */
    public static final ChangeCursor START = new ChangeCursor(-1, "");
}
