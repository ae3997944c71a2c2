package dev.vigil.store.db;

import java.util.function.Supplier;

/**
 * Units of work over several stores: every store call made inside one, on the same database,
 * commits or rolls back with it. Writes are serialised; a unit of work nested in another joins it.
 */
public interface Transactions {

    <R> R inTransaction(Supplier<R> work);

    void inTransaction(Runnable work);
}
