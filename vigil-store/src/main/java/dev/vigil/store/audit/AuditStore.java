package dev.vigil.store.audit;

import java.util.List;

/**
 * The audit log: append-only, numbered, keyed hash chain ({@link AuditChain}). An entry appended
 * inside a unit of work commits (or rolls back) with the change it records.
 */
public interface AuditStore {

    /** The newest entry's number and hash, as the keyed head record names them. */
    record Head(long seq, String hash) {
    }

    /** Appends an entry (the time is now) and moves the head record to it. */
    AuditEntry append(String actor, String action, String target, String detail);

    /** Entries before {@code before}, newest first, at most {@code limit}. */
    List<AuditEntry> recent(int limit, long before);

    /** The entries about one target (a device's id, an alert's), newest first, at most {@code limit}. */
    List<AuditEntry> ofTarget(String target, int limit);

    /** How many entries come before {@code before}. */
    long count(long before);

    /** Recomputes the whole chain, checks the head record and each anchor kept outside the store. */
    AuditVerification verify(List<AuditAnchor> anchors);

    /**
     * Removes the entries written before {@code cutoff} (epoch ms), never the newest, and records,
     * keyed, where the chain now starts; returns how many went.
     */
    int prune(long cutoff);

    /**
     * Seals the entries written before the chain had a key, as the key is made: the newest of them
     * (or none) in a keyed record.
     */
    void seal(byte[] newKey);

    /** The head record: the newest entry's number and hash, or null before the first keyed entry. */
    Head head();
}
