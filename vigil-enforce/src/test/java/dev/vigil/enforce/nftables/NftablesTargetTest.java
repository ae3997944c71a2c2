package dev.vigil.enforce.nftables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.detect.segmentation.CompiledPolicy;
import dev.vigil.detect.segmentation.DnsView;
import dev.vigil.detect.segmentation.PolicyCompiler;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.PolicyParser;
import dev.vigil.enforce.EnforcementException;
import dev.vigil.enforce.EnforcementScope;
import dev.vigil.enforce.Estate;
import dev.vigil.enforce.NetLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The apply transaction: idempotent, validated, atomic even when nft is killed half-way, and within its scope. */
class NftablesTargetTest {

    static NetLab lab;
    static Path work;

    @BeforeAll
    static void up() throws Exception {
        lab = new NetLab(List.of());
        work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "vigil-nft-");
    }

    @AfterAll
    static void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
        NetLab.remove(work);
    }

    /** Each test starts from an empty ruleset in the lab's own gateway namespace. */
    @org.junit.jupiter.api.BeforeEach
    void empty() throws Exception {
        lab.in("gw", "nft", "flush", "ruleset");
    }

    static long now() {
        return System.currentTimeMillis() * 1_000_000L;
    }

    NftablesTarget target() {
        return new NftablesTarget(lab.ns("gw"), new EnforcementScope(List.of(lab.ns("gw")), List.of("srv")), work);
    }

    static CompiledPolicy small() throws Exception {
        return PolicyCompiler.compile(PolicyParser.parse("small", "default deny\nzone s subnet=10.0.0.0/8\n"
                + "allow web: s -> any tcp/80,443\n"), PolicyContext.of(List.of()), now());
    }

    static CompiledPolicy big(int devices) throws Exception {
        return PolicyCompiler.compile(Estate.policy(devices, 20), PolicyContext.of(Estate.devices(devices), DnsView.empty(),
                List.of()), now());
    }

    /** What the table holds, counters and timeouts aside: each element and rule comment, sorted. */
    static List<String> holdings(NftablesTarget t) throws Exception {
        Nft.Result r = t.nft.run("-j", "list", "table", "inet", "vigil");
        List<String> out = new ArrayList<>();
        for (JsonNode item : new ObjectMapper().readTree(r.out()).path("nftables")) {
            if (item.has("set")) {
                for (JsonNode e : item.get("set").path("elem")) {
                    out.add(item.get("set").path("name").asText() + " " + (e.has("elem") ? e.get("elem").path("comment").asText()
                            : e.toString()));
                }
            }
            if (item.has("rule")) {
                out.add("rule " + item.get("rule").path("chain").asText() + " " + item.get("rule").path("comment").asText());
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void aSecondIdenticalApplyChangesNothingAndAnotherOwnersTableStaysAsItWas() throws Exception {
        lab.in("gw", "nft", "add", "table", "inet", "owner");
        lab.in("gw", "nft", "add", "set", "inet", "owner", "keep", "{ type ipv4_addr; elements = { 192.0.2.7 } ; }");
        NftablesTarget t = target();
        String before = t.list("inet", "owner");
        CompiledPolicy cp = small();
        assertThat(t.apply(cp, now()).status()).isEqualTo("applied");
        List<String> held = holdings(t);
        assertThat(t.apply(cp, now()).status()).isEqualTo("unchanged");
        assertThat(t.apply(small(), now()).status()).as("recompiled, same content").isEqualTo("unchanged");
        assertThat(holdings(t)).isEqualTo(held);
        assertThat(t.list("inet", "owner")).isEqualTo(before);
    }

    @Test
    void aRulesetNftRefusesChangesNothing() throws Exception {
        NftablesTarget t = target();
        t.apply(small(), now());
        List<String> held = holdings(t);
        t.nft.rewrite = s -> s.replace("counter drop comment \"default deny", "counter dorp comment \"default deny");
        assertThatThrownBy(() -> t.apply(big(3), now())).isInstanceOf(EnforcementException.class)
                .hasMessageStartingWith("nft -c refused the ruleset, nothing changed: ")
                .hasMessageContaining("syntax error");
        t.nft.rewrite = s -> s;
        assertThat(holdings(t)).isEqualTo(held);
    }

    @Test
    void sigkillDuringAnApplyLeavesTheOldOrTheNewRulesetNeverAPartOfOne() throws Exception {
        NftablesTarget t = target();
        CompiledPolicy old = small();
        CompiledPolicy next = big(600);
        t.apply(next, now());
        List<String> nextHeld = holdings(t);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        int olds = 0;
        int news = 0;
        try {
            for (long delay : new long[] {1, 10, 30, 60, 100, 150, 250, 400}) {
                t.apply(old, now());
                List<String> oldHeld = holdings(t);
                t.nft.onStart = p -> {
                    if (p.info().arguments().map(a -> !List.of(a).contains("-c")).orElse(true)) {
                        timer.schedule(() -> p.destroyForcibly(), delay, TimeUnit.MILLISECONDS);
                    }
                };
                try {
                    t.apply(next, now());
                } catch (EnforcementException e) {
                    // killed mid-way: what is in force must be whole
                }
                t.nft.onStart = p -> { };
                List<String> held = holdings(t);
                assertThat(held.equals(oldHeld) || held.equals(nextHeld)).as("after a kill at %d ms", delay).isTrue();
                if (held.equals(oldHeld)) {
                    olds++;
                } else {
                    news++;
                }
            }
        } finally {
            timer.shutdownNow();
        }
        System.out.println("SIGKILL during nft -f: " + olds + " times the old ruleset, " + news + " times the new, never a mix");
        assertThat(olds).as("at least one kill landed before the commit").isPositive();
    }

    @Test
    void refusesToActOutsideItsScope() throws Exception {
        CompiledPolicy cp = small();
        NftablesTarget elsewhere = new NftablesTarget(lab.ns("srv"), new EnforcementScope(List.of(lab.ns("gw")), List.of()),
                work);
        assertThatThrownBy(() -> elsewhere.apply(cp, now())).hasMessage("refused: network namespace '" + lab.ns("srv")
                + "' is outside the enforcement scope (allowed: " + lab.ns("gw") + ")");
        NftablesTarget host = new NftablesTarget(null, new EnforcementScope(List.of(lab.ns("gw")), List.of()), work);
        assertThatThrownBy(() -> host.apply(cp, now())).hasMessageContaining("network namespace 'host' is outside");
        assertThatThrownBy(() -> host.quarantine(null, now())).isInstanceOf(EnforcementException.class);
        assertThat(lab.in("srv", "nft", "list", "tables")).doesNotContain("vigil");
    }
}
