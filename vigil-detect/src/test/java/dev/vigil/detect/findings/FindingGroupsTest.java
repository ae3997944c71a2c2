package dev.vigil.detect.findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.analysis.Analyses;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.engine.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sample's 41 findings: 32 of them are one obsolete-TLS weakness on each of eight devices. */
class FindingGroupsTest {

    @Test
    void repeatsOfOneWeaknessAreOneGroupWithThePeersInside() throws Exception {
        AnalysisResult r = Analyses.of(TestData.repoRoot().resolve("samples/iot-lab.pcapng.gz"));
        List<FindingGroups.Group> groups = FindingGroups.of(r.findings(), FindingCatalog.bundled());
        assertThat(r.findings()).hasSize(41);
        assertThat(groups).hasSize(17);
        assertThat(r.summary().findingGroups()).isEqualTo(17);
        List<FindingGroups.Group> tls = groups.stream().filter(g -> g.weakness().equals("tls.obsolete")).toList();
        assertThat(tls).hasSize(8);
        assertThat(tls.stream().mapToInt(FindingGroups.Group::findings).sum()).isEqualTo(32);
        assertThat(tls).allSatisfy(g -> assertThat(g.types()).containsExactly("tls.obsolete_version", "tls.obsolete_client"));
        // the Belkin plug talks obsolete TLS to three servers: one group, three peers, the names they went by
        FindingGroups.Group plug = tls.stream().filter(g -> g.device().id().equals("mac:94:10:3e:41:c2:05")).findFirst()
                .orElseThrow();
        assertThat(plug.peerCount()).isEqualTo(3);
        assertThat(plug.peers()).extracting(FindingGroups.PeerSeen::host).contains("api.xbcs.net", "ticks2.bugsense.com");
        assertThat(plug.count()).isEqualTo(plug.members().stream().mapToLong(i -> r.findings().get(Integer.parseInt(i)).count())
                .sum());
        // every finding is in exactly one group
        assertThat(groups.stream().flatMap(g -> g.members().stream()).sorted().distinct().count()).isEqualTo(41);
        assertThat(groups.get(0).severity()).isEqualTo(Severity.HIGH);
    }
}
