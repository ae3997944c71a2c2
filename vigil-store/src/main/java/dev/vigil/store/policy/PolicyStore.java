package dev.vigil.store.policy;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Segmentation policies and what was done with them: every revision with its text
 * ({@code policy_revisions}), the decision log ({@code policy_decisions}), the flows the service saw
 * as a policy judges them ({@code policy_flows}) and the quarantine queue ({@code quarantines}).
 */
public interface PolicyStore {

    /**
     * One revision of a policy.
     *
     * @param state draft, approved (in force) or retired
     * @param approvedAt epoch ms, 0 when never approved
     */
    record RevisionRow(String revision, String name, String text, String author, long created, String state,
            String approvedBy, long approvedAt) {
    }

    /**
     * One decision asked of the policy.
     *
     * @param id increasing, from 1
     * @param decided when it was asked (epoch ms)
     * @param at the moment the question was about (ISO-8601)
     */
    record DecisionRow(long id, long decided, String caller, String revision, String src, String dst, int proto, int port,
            String at, String verdict, String rule, String reason) {
    }

    /**
     * Flows between two addresses on one service, summed.
     *
     * @param answered flows the server answered
     * @param first the first flow's start (epoch ms, packet time)
     * @param last the last flow's end
     */
    record FlowRow(String src, String srcMac, String dst, int proto, int port, long flows, long answered, long first,
            long last) {
    }

    /**
     * One quarantine, asked for or in force.
     *
     * @param id increasing, from 1
     * @param state pending, active, rejected, released or expired
     * @param addresses the addresses blocked, comma-separated
     * @param requested when it was asked for (epoch ns)
     * @param from when it took effect (epoch ns; the request's time while pending)
     * @param until when it ends (epoch ns)
     * @param offence the how-many-th quarantine of the device this is
     * @param decidedBy who approved, rejected or released it, or null
     * @param decided when (epoch ns), 0 when no one has
     * @param outcome what the enforcement point did and what the check found, or null
     */
    record QuarantineRow(long id, String device, String state, String addresses, String reason, String requestedBy,
            long requested, long from, long until, int offence, String decidedBy, long decided, String outcome) {

        public QuarantineRow with(String newState, String by, long at, String newOutcome) {
            return new QuarantineRow(id, device, newState, addresses, reason, requestedBy, requested, from, until, offence, by,
                    at, newOutcome);
        }
    }

    /** Keeps a new revision as a draft; false when that revision is already kept (nothing changes). */
    boolean draft(String revision, String name, String text, String author, long now);

    Optional<RevisionRow> revision(String revision);

    /** The newest revisions first. */
    List<RevisionRow> revisions(int limit);

    /** The revision in force, if any. */
    Optional<RevisionRow> approved();

    /** Puts a kept revision in force; the one in force before is retired. */
    void approve(String revision, String by, long now);

    /** Logs a decision; returns its id. */
    long logDecision(DecisionRow d);

    /** Decisions before id {@code before}, newest first, {@code offset} of them skipped. */
    List<DecisionRow> decisions(int limit, int offset, long before);

    /** How many decisions come before id {@code before}. */
    long decisionCount(long before);

    /** Adds a window's flows. */
    void addFlows(Collection<FlowRow> flows, long now);

    /** The flows last seen at or after {@code since} (epoch ms), the most recent first. */
    List<FlowRow> flows(long since, int limit);

    /** The flows of a period: last seen at or after {@code since} and first seen before {@code until} (epoch ms). */
    List<FlowRow> flows(long since, long until, int limit);

    /** Records a quarantine; returns its id. */
    long addQuarantine(QuarantineRow q);

    void updateQuarantine(QuarantineRow q);

    Optional<QuarantineRow> quarantine(long id);

    /** Quarantines in any of these states, newest first (every state when empty). */
    List<QuarantineRow> quarantines(Collection<String> states, int limit);
}
