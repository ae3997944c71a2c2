package dev.vigil.store.alerts;

/**
 * The alert queue's filters; null leaves a filter out.
 *
 * @param status open, acknowledged or resolved
 * @param active only alerts not resolved (instead of one status)
 */
public record AlertFilter(String status, boolean active, String severity, String deviceId, String type, String assignee) {

    public static final AlertFilter ALL = new AlertFilter(null, false, null, null, null, null);
}
