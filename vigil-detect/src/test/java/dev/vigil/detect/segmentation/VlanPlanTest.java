package dev.vigil.detect.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The vlan statements: a tier's VLAN before a zone's, zones in file order, the default, and bad lines. */
class VlanPlanTest {

    static final String POLICY = """
            policy office
            zone cameras type=camera
            zone nvr device=mac:00:11:22:33:44:55
            zone plugs type=plug
            vlan tier:quarantined 999
            vlan nvr 30
            vlan cameras 20
            vlan default 10
            """;

    private static Subject device(String mac, String type, String tier) {
        return Fixtures.device(mac, "192.168.1.77", type, null, tier);
    }

    @Test
    void aTiersVlanComesBeforeTheZonesAndZonesGoInFileOrder() throws Exception {
        Policy p = PolicyParser.parse("office.policy", POLICY);
        VlanPlan v = p.vlans();
        assertThat(v.assign(p, device("00:00:00:00:00:01", "camera", "trusted")))
                .isEqualTo(new VlanPlan.Assignment(20, "zone cameras"));
        assertThat(v.assign(p, device("00:00:00:00:00:01", "camera", "quarantined")))
                .isEqualTo(new VlanPlan.Assignment(999, "tier quarantined"));
        // the recorder is a camera too, but its own zone comes first in the file
        assertThat(v.assign(p, device("00:11:22:33:44:55", "camera", "trusted")).vlan()).isEqualTo(20);
        assertThat(v.assign(p, device("00:00:00:00:00:05", "plug", "trusted")))
                .isEqualTo(new VlanPlan.Assignment(10, "default"));
        assertThat(v.assign(p, null)).isEqualTo(new VlanPlan.Assignment(10, "default (not in the inventory)"));
    }

    @Test
    void withoutADefaultWhatNoStatementPlacesIsRefused() throws Exception {
        Policy p = PolicyParser.parse("o.policy", "zone cameras type=camera\nvlan cameras 20\n");
        assertThat(p.vlans().assign(p, device("00:00:00:00:00:05", "plug", "trusted"))).isNull();
        assertThat(p.vlans().assign(p, null)).isNull();
        assertThat(PolicyParser.parse("n.policy", "zone cameras type=camera\n").vlans().isEmpty()).isTrue();
    }

    @Test
    void vlansArePartOfTheRevisionAndWrittenBack() throws Exception {
        Policy p = PolicyParser.parse("office.policy", POLICY);
        Policy other = PolicyParser.parse("office.policy", POLICY.replace("vlan cameras 20", "vlan cameras 21"));
        assertThat(other.revision()).isNotEqualTo(p.revision());
        Policy again = PolicyParser.parse("office.policy", PolicyWriter.canonical(p));
        assertThat(again.revision()).isEqualTo(p.revision());
        assertThat(again.vlans()).isEqualTo(p.vlans());
        assertThat(PolicyWriter.canonical(p)).contains("vlan tier:quarantined 999\nvlan nvr 30\nvlan cameras 20\nvlan default 10\n");
    }

    @Test
    void aBadVlanLineNamesTheFileTheLineAndTheProblem() {
        for (List<String> c : List.of(
                List.of("zone a type=camera\nvlan b 20\n", "o.policy:2: unknown zone 'b' in a vlan statement (zones: a)"),
                List.of("zone a type=camera\nvlan a 4095\n", "o.policy:2: VLAN 4095 is outside 1..4094 (IEEE 802.1Q reserves 0 and 4095)"),
                List.of("zone a type=camera\nvlan a 0\n", "o.policy:2: VLAN 0 is outside 1..4094 (IEEE 802.1Q reserves 0 and 4095)"),
                List.of("vlan tier:suspect 5\n", "o.policy:1: unknown trust tier 'suspect' (quarantined, restricted, trusted)"),
                List.of("vlan default 5\nvlan default 6\n", "o.policy:2: a VLAN for 'default' is already given on line 1"),
                List.of("vlan default ten\n", "o.policy:1: 'ten' is not a VLAN id"),
                List.of("vlan default\n", "o.policy:1: expected: vlan ZONE|tier:TIER|default VLAN-ID"))) {
            assertThatThrownBy(() -> PolicyParser.parse("o.policy", c.get(0))).isInstanceOf(PolicyException.class)
                    .hasMessage(c.get(1));
        }
    }
}
