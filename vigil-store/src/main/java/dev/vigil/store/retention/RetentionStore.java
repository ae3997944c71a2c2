package dev.vigil.store.retention;

/**
 * Deleting across the tables: what is older than its retention, and everything about a device.
 * Deletion that must follow a row elsewhere (a finding's packets, an alert's comments) is done here.
 */
public interface RetentionStore {

    /** The kinds of data kept for a number of days (the audit log is pruned by its own store). */
    enum Kind {
        TRUST_HISTORY("trust_history"), METRICS_SNAPSHOTS("metrics_snapshots"), RESOLVED_ALERTS("resolved_alerts"),
        FINDINGS("findings"), EDGES("edges"), TIER_EVENTS("tier_events"), POLICY_DECISIONS("policy_decisions");

        public final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The kind of a retention setting's name, or null. */
        public static Kind of(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label)) {
                    return k;
                }
            }
            return null;
        }
    }

    /**
     * Deletes the rows of a kind last written before {@code cutoff} (epoch ms, wall clock); findings
     * whose alert is not resolved stay. Returns how many rows went.
     */
    int deleteBefore(Kind kind, long cutoff);

    /** Deletes a device, its findings, packets, alerts, comments, history, tier events and conversations; false when there is none. */
    boolean eraseDevice(String id);
}
