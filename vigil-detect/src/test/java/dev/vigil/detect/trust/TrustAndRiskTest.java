package dev.vigil.detect.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingType;
import dev.vigil.detect.findings.Severity;
import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.policy.Tier;
import dev.vigil.detect.policy.TierPolicy;
import dev.vigil.engine.event.EventJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trust, tiers, risk and the plan on constructed devices and findings: the scoring pinned. */
class TrustAndRiskTest {

    static final FindingCatalog CATALOG = FindingCatalog.bundled();
    static final String T0 = "2026-01-01T00:00:00Z";

    @TempDir
    Path tmp;

    static Device device(String id, String type, String firmware, double confidence, String first, String last) {
        String ip = "10.0.0." + Math.abs(id.hashCode() % 200 + 1);
        return new Device(id, null, false, List.of(new Device.Address(ip, "dhcp", first, last)), "Acme", List.of(), type,
                "X1", firmware, null, confidence, Map.of(), List.of(), null, List.of(), List.of(),
                new Device.Identity(null, null, List.of(), List.of(), List.of(), List.of()), List.of(),
                new Device.Traffic(0, 0, 1, 1, 0, 0, 0, 0), null, List.of(), first, last);
    }

    static Finding finding(Device d, String type, Severity sev, String first, String last, Map<String, Object> evidence) {
        FindingType t = CATALOG.get(type);
        return new Finding(type, sev != null ? sev : t.severity(), t.title(), new Finding.DeviceRef(d.id(), d.mac(),
                d.ips().get(0).ip(), t.role()), null, first, last, 1, new LinkedHashMap<>(evidence),
                new Finding.Standards(t.etsi(), t.owasp()), t.fix());
    }

    static Finding finding(Device d, String type, String at) {
        return finding(d, type, null, at, at, Map.of());
    }

    static long nanos(String iso) {
        return EventJson.nanos(iso);
    }

    @Test
    void aKevVulnerabilityAndADefaultPasswordOutrankObsoleteTls() {
        Device camera = device("cam", "camera", "1.1.3", 0.9, T0, T0);
        Device printer = device("prn", "printer", null, 0.9, T0, T0);
        List<Finding> fs = List.of(
                finding(camera, "vulnerability.known_exploited", Severity.CRITICAL, T0, T0,
                        Map.of("cve", "CVE-2023-1389", "firmware", "1.1.3")),
                finding(camera, "credentials.default", Severity.CRITICAL, T0, T0,
                        Map.of("protocol", "telnet", "user", "admin")),
                finding(printer, "tls.obsolete_version", T0));
        Assessor.Assessment a = new Assessor(TrustConfig.defaults(), CATALOG, Assets.none())
                .assess(List.of(camera, printer), fs, nanos(T0));
        Assessor.DeviceAssessment cam = a.devices().get("cam");
        Assessor.DeviceAssessment prn = a.devices().get("prn");
        assertThat(cam.risk().score()).isGreaterThan(prn.risk().score());
        assertThat(cam.trust().score()).isLessThan(prn.trust().score());
        assertThat(cam.risk().level()).isEqualTo("high");
        assertThat(cam.risk().likelihood()).isEqualTo(5);
        assertThat(cam.trust().tier()).isEqualTo("quarantined");
        assertThat(prn.trust().tier()).isEqualTo("trusted");
        // the plan starts with the camera, and names what to do
        assertThat(a.plan().get(0).device()).isEqualTo("cam");
        assertThat(a.plan()).filteredOn(x -> x.device().equals("cam")).extracting(RemediationPlanner.Action::action)
                .contains("Change the factory-default password on telnet (user admin)",
                        "Update firmware 1.1.3 → a fixed version (fixes CVE-2023-1389 (KEV))");
        // every factor is visible and the factors add up to the score
        double sum = 100 + cam.trust().factors().stream().mapToDouble(TrustScorer.Factor::points).sum();
        assertThat(Math.max(0, sum)).isEqualTo(cam.trust().score());
        assertThat(cam.trust().factors()).extracting(TrustScorer.Factor::name)
                .containsExactly("hygiene", "vulnerability", "behavior", "identity", "history");
    }

    @Test
    void tiersChangeOnlyAcrossTheMargin() {
        TierPolicy s = TrustConfig.defaults().tiers();
        Tier t = s.next(null, 90);
        assertThat(t).isEqualTo(Tier.TRUSTED);
        // thresholds 70 and 40, margin 5: a score hovering around 70 does not flap
        for (double score : new double[] {69, 66, 68, 65.5}) {
            t = s.next(t, score);
            assertThat(t).as("at %s", score).isEqualTo(Tier.TRUSTED);
        }
        t = s.next(t, 64);
        assertThat(t).isEqualTo(Tier.RESTRICTED);
        for (double score : new double[] {71, 74, 66}) {
            t = s.next(t, score);
            assertThat(t).as("at %s", score).isEqualTo(Tier.RESTRICTED);
        }
        t = s.next(t, 34);
        assertThat(t).isEqualTo(Tier.QUARANTINED);
        t = s.next(t, 42);
        assertThat(t).isEqualTo(Tier.QUARANTINED);
        t = s.next(t, 46);
        assertThat(t).isEqualTo(Tier.RESTRICTED);
        t = s.next(t, 80);
        assertThat(t).isEqualTo(Tier.TRUSTED);
    }

    @Test
    void theHistoryHoldsTierChangesWithTheirCauses() {
        String t1 = "2026-01-01T01:00:00Z";
        String t2 = "2026-01-01T02:00:00Z";
        Device d = device("plug", "plug", null, 0.9, T0, t2);
        List<Finding> fs = List.of(finding(d, "tls.obsolete_version", t1), finding(d, "attack.telnet_scan", t2));
        TrustScorer.Trust trust = new TrustScorer(TrustConfig.defaults(), CATALOG).assess(d, fs, nanos(t2));
        assertThat(trust.history()).extracting(TrustScorer.Point::tier).startsWith("trusted").endsWith("quarantined");
        assertThat(trust.changes()).last().satisfies(c -> {
            assertThat(c.to()).isEqualTo("quarantined");
            assertThat(c.causes()).containsExactly("attack.telnet_scan");
            assertThat(c.time()).isEqualTo(t2);
        });
    }

    @Test
    void findingsFadeWithTheirHalfLifeAndRepeatsCountLess() {
        TrustScorer s = new TrustScorer(TrustConfig.defaults(), CATALOG);
        Device d = device("d", "camera", null, 0.9, T0, T0);
        int halfLife = CATALOG.get("cleartext.telnet").halfLifeDays();
        long now = nanos(T0) + halfLife * 86_400_000_000_000L;
        List<TrustScorer.Factor> f = new ArrayList<>();
        s.score(d, List.of(finding(d, "cleartext.telnet", T0)), now, f);
        TrustScorer.Contribution c = f.get(0).findings().get(0);
        assertThat(c.decay()).isEqualTo(0.5);
        assertThat(c.lost()).isEqualTo(c.points() / 2);
        // ten findings of one type cost at most twice one
        double one = 100 - s.score(d, List.of(finding(d, "tls.obsolete_version", T0)), nanos(T0), null);
        List<Finding> ten = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ten.add(finding(d, "tls.obsolete_version", T0));
        }
        double many = 100 - s.score(d, ten, nanos(T0), null);
        assertThat(many).isGreaterThan(one).isLessThanOrEqualTo(2 * one);
    }

    @Test
    void weightsAndAssetsComeFromFiles() throws Exception {
        Device d = device("lock", "lock", null, 0.9, T0, T0);
        List<Finding> fs = List.of(finding(d, "cleartext.telnet", T0));
        Path w = tmp.resolve("w.properties");
        Files.writeString(w, "factor.hygiene.cap=5\nimpact.lock=1\n");
        TrustConfig custom = TrustConfig.load(w);
        assertThat(new TrustScorer(custom, CATALOG).score(d, fs, nanos(T0), null)).isEqualTo(95);
        Path assets = tmp.resolve("assets.csv");
        Files.writeString(assets, "device,owner,location,criticality,tags\n" + d.ips().get(0).ip()
                + ",Facilities,Door B2,high,safety\n");
        Assets a = Assets.load(assets);
        RiskAssessor.Risk r = new RiskAssessor(custom, CATALOG).assess(d, fs, a.of(d), false);
        assertThat(r.impact()).isEqualTo(5);
        assertThat(r.reasons()).anyMatch(x -> x.contains("safety"));
        assertThat(a.of(d).owner()).isEqualTo("Facilities");
        Files.writeString(w, "factor.hygene.cap=5\n");
        assertThatThrownBy(() -> TrustConfig.load(w)).hasMessageContaining("unknown key 'factor.hygene.cap'");
        Files.writeString(assets, "device,criticality\n10.0.0.1,extreme\n");
        assertThatThrownBy(() -> Assets.load(assets)).hasMessageContaining(":2: criticality");
    }

    @Test
    void compromiseMakesLikelihoodCertainButBeingAttackedDoesNot() {
        Device d = device("d", "camera", null, 0.9, T0, T0);
        RiskAssessor r = new RiskAssessor(TrustConfig.defaults(), CATALOG);
        assertThat(r.assess(d, List.of(finding(d, "attack.telnet_scan", T0)), null, false).likelihood()).isEqualTo(5);
        assertThat(r.assess(d, List.of(finding(d, "attack.ddos_target", T0)), null, false).likelihood()).isLessThan(5);
        assertThat(r.assess(d, List.of(), null, false).score()).isEqualTo(3);
        assertThat(r.assess(d, List.of(), null, true).impact()).isEqualTo(3.5);
    }

    @Test
    void programmeMetrics() {
        Device a = device("a", "camera", "1.0", 0.9, T0, T0);
        Device b = device("b", "camera", "2.0", 0.9, T0, T0);
        Device c = device("c", "plug", null, 0.9, T0, T0);
        Finding outdated = finding(a, "firmware.outdated", null, T0, T0, Map.of("firmware", "1.0", "latest", "2.0"));
        Finding current = finding(b, "firmware.end_of_support", T0);
        Finding scan = finding(c, "attack.scan_vertical", null, T0, T0, Map.of("detected_at", "2026-01-01T00:00:30Z"));
        SecurityMetrics.Metrics m = SecurityMetrics.compute(List.of(a, b, c),
                Map.of("a", List.of(outdated), "b", List.of(current), "c", List.of(scan)), CATALOG);
        assertThat(m.firmware().devicesWithKnownLatest()).isEqualTo(2);
        assertThat(m.firmware().percent()).isEqualTo(50.0);
        assertThat(m.vulnerabilitiesBySeverity()).containsEntry("medium", 1L).containsEntry("high", 1L);
        assertThat(m.detection().meanTimeToDetectSeconds()).isEqualTo(30.0);
        assertThat(m.compliance().fullyCompliant()).isZero();
        assertThat(m.compliance().byCheck()).containsKey("ETSI 5.10-1");
        assertThat(m.compliance().overallPercent()).isBetween(50.0, 100.0);
    }
}
