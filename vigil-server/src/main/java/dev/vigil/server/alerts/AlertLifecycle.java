package dev.vigil.server.alerts;

import java.util.Locale;

/**
 * An alert's lifecycle: open → acknowledged → resolved, and resolved → open again (by hand, or by
 * new evidence); assigning and commenting apply in every state. Each step says what the alert
 * becomes, or why it does not apply (a conflict with the state it is in). Pure: the caller reads
 * the state and keeps what comes out.
 */
public final class AlertLifecycle {

    /** Where an alert is. */
    public enum Status {
        OPEN, ACKNOWLEDGED, RESOLVED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    /** What people do to an alert. */
    public enum Action {
        ACK, ASSIGN, COMMENT, RESOLVE, REOPEN;

        /** The action's name in the API and the audit log (alert.ack, …). */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The action of a label, or null. */
        public static Action of(String label) {
            for (Action a : values()) {
                if (a.label().equals(label)) {
                    return a;
                }
            }
            return null;
        }

        /** True when the step may change whether its device is held below trusted (an open detection). */
        public boolean movesTrust() {
            return this == RESOLVE || this == REOPEN;
        }
    }

    /**
     * An alert's state.
     *
     * @param assignee who works on it, or null
     * @param acknowledged when it was acknowledged (epoch ms), or null
     * @param resolved when it was resolved (epoch ms), or null
     */
    public record State(Status status, String assignee, Long acknowledged, Long resolved) {
    }

    /** A step that does not apply to the alert's state. */
    public static final class Conflict extends RuntimeException {

        Conflict(String message) {
            super(message, null, false, false);
        }
    }

    private AlertLifecycle() {
    }

    /**
     * The state after a step taken by {@code actor} at {@code now}: acknowledging an open alert
     * assigns it to its acknowledger unless it has an assignee; resolving counts as acknowledging
     * too when that had not happened; reopening forgets both.
     *
     * @param assignee the new assignee (for {@link Action#ASSIGN})
     * @throws Conflict when the step does not apply in the alert's state
     */
    public static State step(State s, Action action, String actor, String assignee, long now) {
        return switch (action) {
            case ACK -> {
                if (s.status() != Status.OPEN) {
                    throw new Conflict("only an open alert can be acknowledged; this one is " + s.status().label());
                }
                yield new State(Status.ACKNOWLEDGED, s.assignee() != null ? s.assignee() : actor, now, s.resolved());
            }
            case ASSIGN -> new State(s.status(), assignee, s.acknowledged(), s.resolved());
            case COMMENT -> s;
            case RESOLVE -> {
                if (s.status() == Status.RESOLVED) {
                    throw new Conflict("the alert is already resolved");
                }
                yield new State(Status.RESOLVED, s.assignee(), s.acknowledged() != null ? s.acknowledged() : now, now);
            }
            case REOPEN -> {
                if (s.status() != Status.RESOLVED) {
                    throw new Conflict("only a resolved alert can be reopened");
                }
                yield new State(Status.OPEN, s.assignee(), null, null);
            }
        };
    }
}
