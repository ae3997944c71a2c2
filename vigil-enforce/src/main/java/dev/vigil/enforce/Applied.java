package dev.vigil.enforce;

/**
 * What an enforcement action did, as the enforcement point reports it afterwards.
 *
 * @param status "applied", "unchanged" (the same ruleset was already in force) or "updated" (elements added or removed)
 * @param revision the policy revision now in force
 * @param content the hash of the ruleset's content now in force (elements, not their timeouts)
 * @param elements elements in force
 * @param nanos how long it took
 */
public record Applied(String status, String revision, String content, long elements, long nanos) {
}
