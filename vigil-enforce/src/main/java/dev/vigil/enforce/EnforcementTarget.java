package dev.vigil.enforce;

import dev.vigil.detect.segmentation.CompiledPolicy;
import dev.vigil.detect.segmentation.Quarantine;

/**
 * Something that can enforce a compiled policy: put it in force atomically, hold and release
 * quarantines, follow DNS answers, and say what its counters show. Every method acts within the
 * target's {@link EnforcementScope} or refuses; a failure changes nothing that was in force.
 */
public interface EnforcementTarget {

    /** What and where it is ("nftables table inet vigil in network namespace gw"). */
    String describe();

    /**
     * Puts a compiled policy in force: validated first, applied in one transaction, a no-op when
     * the same content is already in force.
     *
     * @param now the moment element timeouts count from (nanoseconds since the epoch)
     */
    Applied apply(CompiledPolicy policy, long now) throws EnforcementException;

    /** Holds a device in quarantine until the quarantine's end. */
    Applied quarantine(Quarantine q, long now) throws EnforcementException;

    /** Ends a quarantine. */
    Applied release(Quarantine q) throws EnforcementException;

    /**
     * Brings the timed elements (DNS names, exceptions) in line with a recompiled policy of the
     * same revision: what is new is added with its timeout, what has lapsed times out by itself.
     */
    Applied refreshTimed(CompiledPolicy policy, long now) throws EnforcementException;

    /** What the enforcement point's counters say now. */
    KernelCounters counters() throws EnforcementException;

    /** The counters of the quarantine alone: cheap enough to read before and after every order. */
    KernelCounters quarantineCounters() throws EnforcementException;
}
