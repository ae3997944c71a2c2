package dev.vigil.store.audit;

/**
 * The head of the chain as it was recorded outside the store.
 *
 * @param at when (epoch ms)
 * @param seq the entry it names
 * @param hash that entry's hash
 */
public record AuditAnchor(long at, long seq, String hash) {
}
