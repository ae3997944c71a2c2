package dev.vigil.enforce.nftables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.segmentation.CompiledPolicy;
import dev.vigil.detect.segmentation.PolicyCompiler;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.PolicyParser;
import dev.vigil.detect.segmentation.Quarantine;
import dev.vigil.detect.segmentation.Subject;
import dev.vigil.engine.net.Ip;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ruleset text, without a kernel: what the netns tests then load (they skip without root). */
class NftRendererTest {

    static final long NOW = 1_700_000_000_000_000_000L;

    @Test
    void everyElementHasItsRuleAndKeyAndTimedOnesTimeOut() throws Exception {
        var p = PolicyParser.parse("p", """
                policy p
                default deny
                quarantine resolver 10.0.0.53
                zone cams type=camera
                exception tmp: cams -> net:203.0.113.0/24 template app-control owner ops expires 2023-11-15
                allow cloud: cams -> any tcp/443 icmp
                deny telnet: any -> cams tcp/23
                """);
        Subject cam = new Subject("mac:02:00:00:00:00:01", "02:00:00:00:00:01", List.of(Ip.parse("10.0.0.5")), "camera", null,
                null, List.of(), null, null, List.of(), "trusted", null);
        Quarantine q = new Quarantine("mac:x", List.of(Ip.parse("10.0.0.9")), "attack.telnet_scan", "auto", NOW, NOW + 600_000_000_000L, 1);
        CompiledPolicy cp = PolicyCompiler.compile(p, PolicyContext.of(List.of(cam)).withQuarantines(List.of(q)), NOW);
        NftRenderer.Rendered r = NftRenderer.render(cp, List.of("lan0", "wan0"), NOW);
        String t = r.table();
        assertThat(r.replaceScript()).startsWith("table inet vigil\ndelete table inet vigil\ntable inet vigil {");
        assertThat(t).contains("iifname != { \"lan0\", \"wan0\" } oifname != { \"lan0\", \"wan0\" } return")
                .contains("elements = { 10.0.0.5 comment \"mac:02:00:00:00:00:01 cams\" : jump g1 }")
                .contains("10.0.0.9 timeout 10m comment \"quarantine mac:x: attack.telnet_scan (offence 1, by auto)\"")
                .contains("0.0.0.0-255.255.255.255 . 6 . 443 comment \"rule cloud [g1#p0]\"")
                .contains("0.0.0.0-255.255.255.255 . 1 comment \"rule cloud [g1#p1]\"")
                .contains("10.0.0.5 . 203.0.113.0-203.0.113.255 . 6 . 80 timeout 1d1h46m40s comment \"rule tmp [g1#t:tmp]\"")
                .contains("counter drop comment \"default deny [g1#default]\"")
                .contains("ip saddr @quarantine4 jump quarantine_out").contains("ct state established,related accept")
                .contains("10.0.0.53");
        // quarantine comes before conntrack's shortcut, so established flows are cut too
        assertThat(t.indexOf("jump quarantine_out")).isLessThan(t.indexOf("ct state established,related accept"));
        // the same content later, timeouts aside, hashes the same
        assertThat(NftRenderer.render(cp, List.of("lan0", "wan0"), NOW + 5_000_000_000L).content()).isEqualTo(r.content());
        assertThat(NftRenderer.render(cp, List.of("lan0"), NOW).content()).isNotEqualTo(r.content());
    }

    @Test
    void protocolsWithAndWithoutPortsGoToTheirOwnSetsAndCommentsStayWithinBounds() {
        assertThat(NftElements.split(0, 255, true)).extracting(x -> x[0]).containsExactly(6, 17, 33, 132, 136);
        assertThat(NftElements.split(0, 255, false)).extracting(x -> x[0] + "-" + x[1])
                .containsExactly("0-5", "7-16", "18-32", "34-131", "133-135", "137-255");
        String c = NftElements.comment("rule " + "x".repeat(200) + " \"quoted\" é [g7#p12]");
        assertThat(c).hasSizeLessThanOrEqualTo(NftElements.MAX_COMMENT).endsWith("... [g7#p12]").doesNotContain("\"");
        assertThat(NftElements.duration(93_784)).isEqualTo("1d2h3m4s");
        assertThat(NftElements.duration(3650L * 86_400)).isEqualTo("3650d");
    }
}
