/**
 * The store layer: one store per aggregate, each an interface with its SQL implementation, which
 * owns its SQL and its mapping to row records of its own (documents kept in a column are versioned
 * records whose every property is named), over the {@link dev.vigil.store.db.Database}.
 */
package dev.vigil.store;
