package dev.vigil.detect.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyParserTest {

    static final String OFFICE = """
            # the office, as the security team wrote it
            policy office
            default deny
            membership confidence 0.8 observations 3
            controller dns 192.168.1.1
            controller ntp 192.168.1.1
            quarantine resolver 192.168.1.1 notice 192.168.1.2
            zone cameras type=camera
            zone nvr device=mac:00:11:22:33:44:55
            zone printers type=printer site=hq
            zone finance subnet=10.20.0.0/16
            zone iot type=camera,plug,thermostat tier!=quarantined
            zone guests vlan=30
            default allow zone guests
            template vendor-app tcp/8443 udp/10000-10100
            exception tv-cast: phones -> iot template mdns owner alice@example.org expires 2030-06-30
            allow cams-nvr: cameras -> nvr tcp/554
            allow cams-cloud: cameras -> name:*.immedia-semi.com tcp/443
            deny iot-finance: iot -> finance any
            allow dns: any -> controller:dns udp/53 tcp/53
            allow ntp: any -> controller:ntp udp/123
            allow printing: any -> printers tcp/9100,631
            zone phones type=phone
            """;

    @Test
    void readsEveryStatement() throws Exception {
        Policy p = PolicyParser.parse("office.policy", OFFICE);
        assertThat(p.name()).isEqualTo("office");
        assertThat(p.defaultAllow()).isFalse();
        assertThat(p.zoneDefaults()).containsEntry("guests", true);
        assertThat(p.zones()).containsKeys("cameras", "nvr", "printers", "finance", "iot", "guests", "phones");
        assertThat(p.controllers()).containsKey(Target.Controller.DNS);
        // the mdns exception expands to both ways and to its multicast groups, and comes first
        assertThat(p.rules().subList(0, 4)).allMatch(r -> r.name().equals("tv-cast") && r.exemption() != null);
        assertThat(p.rules().get(4).name()).isEqualTo("cams-nvr");
        assertThat(p.rule("printing").services()).extracting(Service::toString).containsExactly("tcp/9100", "tcp/631");
        assertThat(p.revision()).hasSize(12);
    }

    @Test
    void theRevisionIgnoresCommentsAndSpacingButNotMeaning() throws Exception {
        Policy a = PolicyParser.parse("a", OFFICE);
        Policy b = PolicyParser.parse("b", OFFICE.replace("# the office", "# another comment").replace("tcp/554", "tcp/554   # rtsp"));
        Policy c = PolicyParser.parse("c", OFFICE.replace("tcp/554", "tcp/555"));
        assertThat(b.revision()).isEqualTo(a.revision());
        assertThat(c.revision()).isNotEqualTo(a.revision());
    }

    @Test
    void theCanonicalTextReadsBackToTheSamePolicy() throws Exception {
        Policy a = PolicyParser.parse("a", OFFICE);
        Policy b = PolicyParser.parse("b", PolicyWriter.canonical(a));
        assertThat(b.revision()).isEqualTo(a.revision());
        assertThat(b.rules()).isEqualTo(a.rules().stream().map(r -> r).toList());
    }

    @Test
    void anExceptionWithoutExpiryIsRefused() {
        assertThatThrownBy(() -> PolicyParser.parse("p", "zone a type=tv\nexception x: a -> a template mdns owner bob\n"))
                .isInstanceOf(PolicyException.class)
                .hasMessage("p:2: exception 'x' has no expiry: every exception needs 'expires DATE'");
        assertThatThrownBy(() -> PolicyParser.parse("p", "zone a type=tv\nexception x: a -> a template mdns expires 2030-01-01\n"))
                .hasMessage("p:2: exception 'x' has no owner: every exception needs 'owner WHO'");
    }

    @Test
    void eachProblemIsOneLineNamingFileAndLine() {
        List<String[]> cases = List.of(
                new String[] {"zone a type=tv\nallow r: a -> camras any\n", "p:2: unknown zone 'camras' (zones: a)"},
                new String[] {"zone a colour=red\n", "p:1: unknown attribute 'colour' (device, type, vendor, model, subnet, "
                        + "vlan, site, criticality, tag, tier, manufacturer)"},
                new String[] {"zone a subnet=10.0.0.0/33\n", "p:1: not a CIDR block: 10.0.0.0/33"},
                new String[] {"zone a type=tv\nallow r: a -> a tcp/70000\n", "p:2: '70000' is not a port (0-65535)"},
                new String[] {"zone a type=tv\nallow r: a -> a icmp/3\n", "p:2: 'icmp/3': protocol icmp has no ports"},
                new String[] {"zone a type=tv\nallow r: a -> a any\ndeny r: a -> a any\n", "p:3: rule 'r' is already defined on line 2"},
                new String[] {"zone a type=tv\nzone a type=tv\n", "p:2: zone 'a' is already defined on line 1"},
                new String[] {"permit all\n", "p:1: unknown statement 'permit' (policy, default, membership, local-networks, "
                        + "controller, dns-margin, quarantine, zone, template, allow, deny, exception)"},
                new String[] {"zone a type=tv\nallow r a -> a any\n", "p:2: expected: allow NAME: FROM -> TO SERVICE…"},
                new String[] {"zone a \"type=tv\n", "p:1: a quote is not closed"},
                new String[] {"allow r: any -> name:bad..name any\n", "p:1: 'bad..name' is not a DNS name"},
                new String[] {"default deny zone nowhere\n", "p:1: default for unknown zone 'nowhere' (no zone is defined)"},
                new String[] {"zone a type=tv\nexception x: a -> a template nope owner o expires 2030-01-01\n",
                    "p:2: unknown template 'nope' (app-control, mdns, ssdp)"},
                new String[] {"zone a type=tv\nexception x: a -> a template mdns owner o expires soon\n",
                    "p:2: 'soon' is not a date (YYYY-MM-DD) or an instant (YYYY-MM-DDTHH:MM:SSZ)"},
                new String[] {"allow r: same-manufacturer -> same-manufacturer any\n",
                    "p:1: same-manufacturer is relative to the other side: it cannot be both"});
        for (String[] c : cases) {
            assertThatThrownBy(() -> PolicyParser.parse("p", c[0])).as(c[0]).isInstanceOf(PolicyException.class)
                    .hasMessage(c[1]);
        }
    }
}
