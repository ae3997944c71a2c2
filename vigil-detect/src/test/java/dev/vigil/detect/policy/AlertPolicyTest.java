package dev.vigil.detect.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.detect.analysis.Analyses;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.Severity;
import dev.vigil.engine.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which findings alert: every detection, and the weaknesses attackers use now; the rest by policy. */
class AlertPolicyTest {

    @TempDir
    Path tmp;

    @Test
    void aFactoryDefaultCommunityInUseAlertsObsoleteTlsDoesNot() throws Exception {
        AlertPolicy p = AlertPolicy.defaults();
        AnalysisResult r = Analyses.of(TestData.capture("zeek-snmpv1-get.pcap"), TestData.capture("zeek-tls1_1.pcap"));
        Finding def = r.findings().stream().filter(f -> f.type().equals("credentials.default")).findFirst().orElseThrow();
        assertThat(def.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(p.alerts(def)).isTrue();
        assertThat(r.findings()).filteredOn(f -> f.type().startsWith("tls.")).isNotEmpty().noneMatch(p::alerts);
        assertThat(p.alerts("attack.telnet_scan", Severity.CRITICAL)).isTrue();
        assertThat(p.alerts("vulnerability.known_exploited", Severity.CRITICAL)).isTrue();
        assertThat(p.alerts("exposure.internet_management", Severity.CRITICAL)).isTrue();
        assertThat(p.alerts("exposure.management_service", Severity.MEDIUM)).isFalse();
        // the catalogue says which types alert, and every detection does
        FindingCatalog.bundled().all().stream().filter(t -> t.category().equals("detection"))
                .forEach(t -> assertThat(t.alert()).as(t.type()).isTrue());
    }

    @Test
    void aPolicyFileChangesSeveritiesAndTypes() throws Exception {
        Path f = tmp.resolve("alerts.properties");
        Files.writeString(f, "min_severity=high\nalert=tls.*\nsilence=anomaly.*,credentials.default\n");
        AlertPolicy p = AlertPolicy.load(f);
        assertThat(p.alerts("tls.weak_cipher", Severity.HIGH)).isTrue();
        assertThat(p.alerts("tls.obsolete_version", Severity.MEDIUM)).as("below min_severity").isFalse();
        assertThat(p.alerts("anomaly.behavior", Severity.CRITICAL)).isFalse();
        assertThat(p.alerts("credentials.default", Severity.CRITICAL)).isFalse();
        assertThat(p.alerts("attack.scan_icmp", Severity.MEDIUM)).isFalse();
        assertThat(p.alerts("attack.telnet_scan", Severity.CRITICAL)).isTrue();
    }

    @Test
    void aBadPolicyFileIsRefusedWithTheKeyNamed() throws Exception {
        Path f = tmp.resolve("bad.properties");
        Files.writeString(f, "min_severity=urgent\n");
        assertThatThrownBy(() -> AlertPolicy.load(f)).hasMessageContaining("min_severity").hasMessageContaining("urgent");
        Files.writeString(f, "alert=tls.nonsense\n");
        assertThatThrownBy(() -> AlertPolicy.load(f)).hasMessageContaining("tls.nonsense");
        Files.writeString(f, "alerts=tls.*\n");
        assertThatThrownBy(() -> AlertPolicy.load(f)).hasMessageContaining("unknown key 'alerts'");
    }

    /** The alert's lifecycle: raised once, updated while open, opened again by evidence after it was resolved. */
    @Test
    void newEvidenceRaisesUpdatesOrReopens() {
        assertThat(AlertPolicy.onEvidence(null)).isEqualTo(AlertPolicy.AlertAction.RAISE);
        assertThat(AlertPolicy.onEvidence("open")).isEqualTo(AlertPolicy.AlertAction.UPDATE);
        assertThat(AlertPolicy.onEvidence("acknowledged")).isEqualTo(AlertPolicy.AlertAction.UPDATE);
        assertThat(AlertPolicy.onEvidence("resolved")).isEqualTo(AlertPolicy.AlertAction.REOPEN);
    }
}
