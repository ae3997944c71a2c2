package dev.vigil.server.api.alerts;

import static dev.vigil.server.api.Params.field;
import static dev.vigil.server.api.Params.required;

import dev.vigil.server.alerts.AlertLifecycle;
import dev.vigil.server.api.ApiError;
import dev.vigil.store.alerts.AlertRow;
import dev.vigil.store.alerts.AlertStore;
import dev.vigil.store.audit.AuditStore;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * One step of an alert's lifecycle as a request asks for it: the step {@link AlertLifecycle}
 * decides, kept with its comment and audited, in the caller's transaction. 404 for no such alert,
 * 409 when the step does not apply, 400 for a bad assignee or comment.
 */
final class AlertActions {

    private final AlertStore alerts;
    private final AuditStore audit;
    private final Predicate<String> isUser;

    AlertActions(AlertStore alerts, AuditStore audit, Predicate<String> isUser) {
        this.alerts = alerts;
        this.audit = audit;
        this.isUser = isUser;
    }

    /** The body's fields a step takes, checked once for every alert of a request. */
    record Request(AlertLifecycle.Action action, String assignee, String comment) {
    }

    /** Reads the body of a step: {@code assignee} to assign, {@code text} to comment, an optional {@code comment}. */
    Request request(AlertLifecycle.Action action, Map<String, Object> body) {
        String comment = field(body, action == AlertLifecycle.Action.COMMENT ? "text" : "comment", 4000);
        String assignee = null;
        if (action == AlertLifecycle.Action.ASSIGN) {
            assignee = required(body, "assignee", 64);
            if (!isUser.test(assignee)) {
                throw new ApiError(400, "no user " + assignee);
            }
        }
        if (action == AlertLifecycle.Action.COMMENT && (comment == null || comment.isBlank())) {
            throw new ApiError(400, "'text' is required");
        }
        return new Request(action, assignee, comment == null || comment.isBlank() ? null : comment);
    }

    /** Applies a step to one alert (inside the caller's transaction). */
    void apply(String id, Request r, String who, long now) {
        AlertRow a = alerts.find(id).orElseThrow(() -> new NoSuchElementException("no alert " + id));
        AlertLifecycle.State next;
        try {
            next = AlertLifecycle.step(new AlertLifecycle.State(AlertLifecycle.Status.parse(a.status()), a.assignee(),
                    a.acknowledged(), a.resolved()), r.action(), who, r.assignee(), now);
        } catch (AlertLifecycle.Conflict e) {
            throw new ApiError(409, e.getMessage());
        }
        if (r.action() == AlertLifecycle.Action.COMMENT) {
            alerts.touch(id, now);
        } else {
            alerts.state(id, next.status().label(), next.assignee(), next.acknowledged(), next.resolved(), now);
        }
        if (r.comment() != null) {
            alerts.comment(id, who, r.comment(), now);
        }
        audit.append(who, "alert." + r.action().label(), id, r.action() == AlertLifecycle.Action.ASSIGN ? "to " + r.assignee() : null);
    }
}
