package dev.vigil.server.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.server.alerts.AlertLifecycle.Action;
import dev.vigil.server.alerts.AlertLifecycle.State;
import dev.vigil.server.alerts.AlertLifecycle.Status;
import org.junit.jupiter.api.Test;

/** Which step of an alert's lifecycle applies in which state, and what the alert becomes: no HTTP, no store. */
class AlertLifecycleTest {

    static final State OPEN = new State(Status.OPEN, null, null, null);

    @Test
    void acknowledgingAnOpenAlertAssignsItToWhoeverAcknowledgedItUnlessItHasAnAssignee() {
        assertThat(AlertLifecycle.step(OPEN, Action.ACK, "ana", null, 10)).isEqualTo(new State(Status.ACKNOWLEDGED, "ana", 10L, null));
        State assigned = new State(Status.OPEN, "bob", null, null);
        assertThat(AlertLifecycle.step(assigned, Action.ACK, "ana", null, 10).assignee()).isEqualTo("bob");
    }

    @Test
    void onlyAnOpenAlertIsAcknowledged() {
        State acked = AlertLifecycle.step(OPEN, Action.ACK, "ana", null, 10);
        assertThatThrownBy(() -> AlertLifecycle.step(acked, Action.ACK, "ana", null, 20)).isInstanceOf(AlertLifecycle.Conflict.class)
                .hasMessage("only an open alert can be acknowledged; this one is acknowledged");
        State resolved = AlertLifecycle.step(acked, Action.RESOLVE, "ana", null, 30);
        assertThatThrownBy(() -> AlertLifecycle.step(resolved, Action.ACK, "ana", null, 40))
                .hasMessage("only an open alert can be acknowledged; this one is resolved");
    }

    @Test
    void resolvingCountsAsAcknowledgingWhenThatHadNotHappenedAndHappensOnce() {
        assertThat(AlertLifecycle.step(OPEN, Action.RESOLVE, "ana", null, 50)).isEqualTo(new State(Status.RESOLVED, null, 50L, 50L));
        State acked = AlertLifecycle.step(OPEN, Action.ACK, "ana", null, 10);
        State resolved = AlertLifecycle.step(acked, Action.RESOLVE, "bob", null, 50);
        assertThat(resolved).isEqualTo(new State(Status.RESOLVED, "ana", 10L, 50L));
        assertThatThrownBy(() -> AlertLifecycle.step(resolved, Action.RESOLVE, "bob", null, 60)).hasMessage("the alert is already resolved");
    }

    @Test
    void onlyAResolvedAlertIsReopenedAndItForgetsWhenItWasAcknowledgedAndResolved() {
        assertThatThrownBy(() -> AlertLifecycle.step(OPEN, Action.REOPEN, "ana", null, 10))
                .hasMessage("only a resolved alert can be reopened");
        State resolved = new State(Status.RESOLVED, "ana", 10L, 50L);
        assertThat(AlertLifecycle.step(resolved, Action.REOPEN, "bob", null, 70)).isEqualTo(new State(Status.OPEN, "ana", null, null));
    }

    @Test
    void assigningAndCommentingApplyInEveryState() {
        for (Status st : Status.values()) {
            State s = new State(st, "ana", st == Status.OPEN ? null : 10L, st == Status.RESOLVED ? 50L : null);
            assertThat(AlertLifecycle.step(s, Action.ASSIGN, "root", "bob", 90)).isEqualTo(new State(st, "bob", s.acknowledged(),
                    s.resolved()));
            assertThat(AlertLifecycle.step(s, Action.COMMENT, "root", null, 90)).isEqualTo(s);
        }
    }

    @Test
    void actionsHaveTheirApiNamesAndResolvingOrReopeningMovesTrust() {
        assertThat(Action.of("ack")).isEqualTo(Action.ACK);
        assertThat(Action.of("reopen")).isEqualTo(Action.REOPEN);
        assertThat(Action.of("delete")).isNull();
        assertThat(Action.RESOLVE.movesTrust()).isTrue();
        assertThat(Action.REOPEN.movesTrust()).isTrue();
        assertThat(Action.ACK.movesTrust()).isFalse();
        assertThat(Status.parse("acknowledged")).isEqualTo(Status.ACKNOWLEDGED);
    }
}
