package dev.vigil.detect.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.analysis.Analyses;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.inventory.Device;
import dev.vigil.engine.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What to fix first, on real captures: a compromised device's actions first and never worth 0, a
 * cleartext telnet login that worked before TLS upgrades, each action valued by its share of the
 * device's whole plan, devices named by name.
 */
class PlanOnCapturesTest {

    @Test
    void theBotnetScannersIsolationComesFirstAndCounts() throws Exception {
        AnalysisResult r = Analyses.of(TestData.shared("pcap/slips/test7-malicious-hidenseek.pcap"),
                TestData.repoRoot().resolve("samples/iot-lab.pcapng.gz"));
        RemediationPlanner.Action first = r.assessment().plan().get(0);
        assertThat(first.action()).startsWith("Isolate the device, reflash it");
        assertThat(first.urgency()).isEqualTo(RemediationPlanner.Urgency.COMPROMISE);
        assertThat(first.name()).isEqualTo("black-pearl");
        assertThat(first.address()).isEqualTo("192.168.2.16");
        assertThat(first.priority()).isGreaterThan(0);
        assertThat(first.riskAfter()).isLessThan(first.riskBefore());
        // the device's plan: every action together brings its risk down; the actions' cuts add up to it
        Device bot = Analyses.byMac(r, "b8:27:eb:c7:e9:c9");
        RemediationPlanner.Plan plan = r.assessment().devices().get(bot.id()).plan();
        assertThat(plan.riskAfter()).isLessThan(plan.riskBefore());
        double cuts = plan.actions().stream().mapToDouble(a -> a.riskBefore() - a.riskAfter()).sum();
        assertThat(cuts).isCloseTo(plan.riskBefore() - plan.riskAfter(), org.assertj.core.data.Offset.offset(0.3));
    }

    @Test
    void aCleartextLoginThatWorkedRanksAboveTlsUpgrades() throws Exception {
        AnalysisResult r = Analyses.of(TestData.repoRoot().resolve("samples/iot-lab.pcapng.gz"));
        List<RemediationPlanner.Action> plan = r.assessment().plan();
        int login = indexOf(plan, "Stop telnet logins in clear text");
        int tls = indexOf(plan, "Fix its TLS");
        assertThat(login).isZero();
        assertThat(login).isLessThan(tls);
        RemediationPlanner.Action a = plan.get(login);
        assertThat(a.riskAfter()).as("two severe problems: each action gets its share").isLessThan(a.riskBefore());
        // names, not ids
        assertThat(plan).allSatisfy(x -> assertThat(x.name()).doesNotStartWith("mac:").doesNotStartWith("ip:"));
        assertThat(plan).extracting(RemediationPlanner.Action::name).contains("DCS-935L", "Philips-hue");
    }

    static int indexOf(List<RemediationPlanner.Action> plan, String prefix) {
        for (int i = 0; i < plan.size(); i++) {
            if (plan.get(i).action().startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no action " + prefix);
    }
}
