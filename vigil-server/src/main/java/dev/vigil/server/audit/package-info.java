/**
 * The audit log's head anchored outside the store (a file and the alert outputs), so that a store
 * rewritten, cut short or rolled back is detectable; the chain itself is the audit store's.
 */
package dev.vigil.server.audit;
