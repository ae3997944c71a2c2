package dev.vigil.detect.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingType;
import dev.vigil.detect.findings.Severity;
import org.junit.jupiter.api.Test;

/** The service's decisions without a store: alerting from the catalogue, reopening, tiers, history points. */
class PolicyTest {

    static final FindingCatalog CATALOG = FindingCatalog.bundled();
    static final TierPolicy TIERS = new TierPolicy(80, 40, 5);

    @Test
    void whetherAFindingAlertsIsTheCataloguesAlertFieldAboveTheLowestSeverity() {
        AlertPolicy p = AlertPolicy.defaults();
        for (FindingType t : CATALOG.all()) {
            assertThat(p.alerts(t.type(), Severity.CRITICAL)).as(t.type()).isEqualTo(t.alert());
        }
        assertThat(p.alerts("no.such_type", Severity.CRITICAL)).isFalse();
    }

    @Test
    void evidenceRaisesAnAlertOnceReopensAResolvedOneAndOnlyUpdatesTheOthers() {
        assertThat(AlertPolicy.onEvidence(null)).isEqualTo(AlertPolicy.AlertAction.RAISE);
        assertThat(AlertPolicy.onEvidence("resolved")).isEqualTo(AlertPolicy.AlertAction.REOPEN);
        assertThat(AlertPolicy.onEvidence("open")).isEqualTo(AlertPolicy.AlertAction.UPDATE);
        assertThat(AlertPolicy.onEvidence("acknowledged")).isEqualTo(AlertPolicy.AlertAction.UPDATE);
    }

    @Test
    void aTierChangesOnlyWhenTheScorePassesItsThresholdByTheMargin() {
        assertThat(TIERS.next(null, 80)).isEqualTo(Tier.TRUSTED);
        assertThat(TIERS.next(null, 79.9)).isEqualTo(Tier.RESTRICTED);
        assertThat(TIERS.next(null, 39.9)).isEqualTo(Tier.QUARANTINED);
        // wavering around a threshold keeps the tier given
        assertThat(TIERS.next(Tier.TRUSTED, 76)).isEqualTo(Tier.TRUSTED);
        assertThat(TIERS.next(Tier.TRUSTED, 74.9)).isEqualTo(Tier.RESTRICTED);
        assertThat(TIERS.next(Tier.RESTRICTED, 84)).isEqualTo(Tier.RESTRICTED);
        assertThat(TIERS.next(Tier.RESTRICTED, 85)).isEqualTo(Tier.TRUSTED);
        assertThat(TIERS.next(Tier.QUARANTINED, 44)).isEqualTo(Tier.QUARANTINED);
        assertThat(TIERS.next(Tier.QUARANTINED, 45)).isEqualTo(Tier.RESTRICTED);
        assertThat(TIERS.next(Tier.RESTRICTED, 34.9)).isEqualTo(Tier.QUARANTINED);
    }

    @Test
    void anOpenDetectionHoldsADeviceBelowTrustedAndTheStoredTierIsTheHysteresisBase() {
        assertThat(TierPolicy.held(Tier.TRUSTED, true)).isEqualTo(Tier.RESTRICTED);
        assertThat(TierPolicy.held(Tier.TRUSTED, false)).isEqualTo(Tier.TRUSTED);
        assertThat(TierPolicy.held(Tier.QUARANTINED, true)).isEqualTo(Tier.QUARANTINED);
        assertThat(TIERS.afterStored(null, "quarantined", 90, false)).isEqualTo("quarantined");
        assertThat(TIERS.afterStored("trusted", "restricted", 77, false)).isEqualTo("trusted");
        assertThat(TIERS.afterStored("trusted", "trusted", 95, true)).isEqualTo("restricted");
    }

    @Test
    void historyKeepsTheFirstPointTierChangesRealMovesAndOnePointAnHour() {
        long h = TrustHistory.MAX_GAP_NANOS;
        assertThat(TrustHistory.due(null, 90, "trusted", 0)).isTrue();
        TrustHistory.Point last = new TrustHistory.Point(90, "trusted", 0);
        assertThat(TrustHistory.due(last, 90.4, "trusted", h / 2)).as("decay alone").isFalse();
        assertThat(TrustHistory.due(last, 89, "trusted", h / 2)).as("a move of a point").isTrue();
        assertThat(TrustHistory.due(last, 90, "restricted", 1)).as("a tier change").isTrue();
        assertThat(TrustHistory.due(last, 90, "trusted", h)).as("an hour later").isTrue();
    }

    @Test
    void aSupersedingTypeReplacesWhatTheCatalogueSaysItReplaces() {
        for (FindingType t : CATALOG.all()) {
            assertThat(Supersession.bundled().replaces(t.type())).as(t.type()).containsExactlyInAnyOrderElementsOf(t.supersedes());
            assertThat(Supersession.bundled().replacesOnDevice(t.type())).as(t.type())
                    .containsExactlyInAnyOrderElementsOf(t.supersedesOnDevice());
        }
        assertThat(Supersession.bundled().replaces("attack.ddos_participation")).contains("attack.scan_vertical", "exfil.large_upload");
        assertThat(Supersession.bundled().replacesOnDevice("attack.ddos_target")).containsExactly("attack.inbound");
    }
}
