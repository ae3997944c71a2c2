/** The audit log: an append-only, keyed hash chain with its head, base and seal records. */
package dev.vigil.store.audit;
