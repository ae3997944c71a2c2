package dev.vigil.store.alerts;

import dev.vigil.store.db.Page;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The alerts (one per alerting finding, under the finding's id), their state and comments. Which
 * step of the lifecycle applies is decided by the caller; the store keeps what it decided.
 */
public interface AlertStore {

    Optional<AlertRow> find(String id);

    /** The id of the finding an alert raises, or empty. */
    Optional<String> findingOf(String alertId);

    /** One page of the queue: open, then acknowledged, then resolved; most severe first; newest first. */
    Page<AlertRow> page(AlertFilter filter, int limit, int offset);

    /** Every alert the filter selects, in the queue's order, at most {@code max}. */
    List<AlertRow> list(AlertFilter filter, int max);

    /** A device's alerts, newest first. */
    List<AlertRow> ofDevice(String deviceId);

    /** Alerts per type, by type. */
    Map<String, Long> countByType();

    /** Alerts per device, most first. */
    Map<String, Long> countByDevice();

    /** Raises an open alert for a finding (the alert's id is the finding's). */
    AlertRow raise(String id, String deviceId, String type, String severity, String title, String firstEvidence,
            String detectedAt, long now);

    /** Opens a resolved alert again with new evidence. */
    AlertRow reopen(String id, String severity, long now);

    /** Follows its finding's severity. */
    void severity(String id, String severity, long now);

    /** Keeps a step of the lifecycle: status, assignee, when acknowledged and resolved. */
    void state(String id, String status, String assignee, Long acknowledged, Long resolved, long now);

    /** Marks an alert changed (a comment). */
    void touch(String id, long now);

    void comment(String alertId, String author, String text, long now);

    /** The comments of an alert, oldest first. */
    List<AlertComment> comments(String alertId);

    /** Deletes an alert no one has touched yet (open, unassigned, no comment); false when it stays. */
    boolean deleteUntouched(String id);

    AlertFigures figures();

    /** Alerts not resolved. */
    long active();

    /** Ids of findings whose alert is not resolved: of one device, or all with null. */
    Set<String> unresolvedFindings(String deviceId);

    /** Devices of these alerts. */
    List<String> devicesOf(Collection<String> alertIds);

    /** Alerts not resolved, per device. */
    Map<String, Long> activePerDevice();
}
