package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.detect.segmentation.mud.MudReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil policy} on the bundled sample (fourteen IoT Sentinel devices): learn, simulate,
 * compile, decide; bad policy and MUD files; and, where network namespaces can be made, apply,
 * counters, quarantine and release on a namespace of the test's own.
 */
class PolicyCommandTest {

    @TempDir
    Path tmp;

    @Test
    void learnSimulateCompileAndDecideOnTheSample() throws Exception {
        Path out = tmp.resolve("learned");
        Cli learn = Cli.run("policy", "learn", "--out", out.toString(), "--holdout", "0.3", Cli.sample().toString());
        assertThat(learn.exit()).as(learn.err()).isZero();
        assertThat(learn.out()).contains("learning window replayed: ").contains(" 0 denied").contains("held out the last 30 %");
        try (Stream<Path> files = Files.list(out.resolve("devices"))) {
            for (Path f : files.toList()) {
                MudReader.read(f);
            }
        }
        assertThat(out.resolve("policy.vigil")).exists();
        assertThat(out.resolve("learn.json")).exists();
        Cli sim = Cli.run("policy", "simulate", out.toString(), Cli.sample().toString(), "--out", tmp.resolve("sim").toString());
        assertThat(sim.exit()).as(sim.err()).isZero();
        assertThat(sim.out()).containsPattern("\\d+ flows, \\d+ allowed, 0 denied");
        assertThat(tmp.resolve("sim/simulation.json")).exists();
        assertThat(Files.readString(tmp.resolve("sim/findings.jsonl"))).isEmpty();
        Cli compile = Cli.run("policy", "compile", "--target", "nftables", out.toString(), Cli.sample().toString());
        assertThat(compile.exit()).as(compile.err()).isZero();
        assertThat(compile.out()).startsWith("table inet vigil\ndelete table inet vigil\ntable inet vigil {")
                .contains("map src4").contains("counter drop comment \"default deny: zone dev-");
        Cli decide = Cli.run("policy", "decide", out.toString(), Cli.sample().toString(), "--src", "192.168.1.250",
                "--dst", "203.0.113.9", "--proto", "tcp", "--port", "23");
        assertThat(decide.exit()).isEqualTo(1);
        assertThat(decide.out()).contains("\"allowed\" : false").contains("\"revision\"");
    }

    @Test
    void aMalformedPolicyOrMudFileIsOneLineNamingFileAndLine() throws Exception {
        Path bad = tmp.resolve("office.policy");
        Files.writeString(bad, "policy office\nzone cams type=camera\nallow r: cams -> camras tcp/554\n");
        Cli r = Cli.run("policy", "simulate", bad.toString(), Cli.sample().toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("vigil policy simulate: " + bad + ":3: unknown zone 'camras' (zones: cams)"
                + System.lineSeparator());
        Path mud = tmp.resolve("bulb.json");
        Files.writeString(mud, "{\n  \"ietf-mud:mud\": {\n    \"mud-version\": 1,\n    \"mud-url\": 5\n  }\n}\n");
        Cli m = Cli.run("policy", "compile", mud.toString(), Cli.sample().toString());
        assertThat(m.exit()).isEqualTo(2);
        assertThat(m.err().lines().toList()).containsExactly("vigil policy compile: " + mud + ":4:16: mud-url must be a string");
        assertThat(m.out()).isEmpty();
        Cli none = Cli.run("policy", "simulate", tmp.resolve("missing.policy").toString(), Cli.sample().toString());
        assertThat(none.err()).isEqualTo("vigil policy simulate: " + tmp.resolve("missing.policy") + ": no such file"
                + System.lineSeparator());
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/nft"))
                && Files.isExecutable(Path.of("/usr/sbin/ip"));
    }

    static void sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(String.join(" ", cmd) + ": " + out).isTrue();
    }

    @Test
    void applyInANamespaceOfItsOwnAndABadPolicyChangesNothingInForce() throws Exception {
        assumeTrue(root(), "skipped: applying needs root, nft and ip (network namespaces)");
        String ns = "vg5cli" + Long.toHexString(ProcessHandle.current().pid() % 0xffff);
        sh("ip", "netns", "add", ns);
        try {
            Path good = tmp.resolve("good.policy");
            Files.writeString(good, "policy lab\ndefault deny\nquarantine resolver 192.168.1.1\nzone lan subnet=192.168.0.0/16\n"
                    + "allow web: lan -> any tcp/80,443\n");
            String[] where = {"--netns", ns, "--scope", ns, "--scratch", tmp.toString(), "--ledger",
                tmp.resolve("ledger.json").toString()};
            Cli a = Cli.run(concat(new String[] {"policy", "apply", good.toString(), Cli.sample().toString()}, where));
            assertThat(a.exit()).as(a.err()).isZero();
            assertThat(a.out()).contains(": applied, policy lab revision ");
            Cli again = Cli.run(concat(new String[] {"policy", "apply", good.toString(), Cli.sample().toString()}, where));
            assertThat(again.out()).contains(": unchanged, policy lab");
            Path bad = tmp.resolve("bad.policy");
            Files.writeString(bad, "policy lab\nzone lan subnet=192.168.0.0/16\nallow web: lan -> any tcp/80,443,99999\n");
            Cli b = Cli.run(concat(new String[] {"policy", "apply", bad.toString(), Cli.sample().toString()}, where));
            assertThat(b.exit()).isEqualTo(2);
            assertThat(b.err()).isEqualTo("vigil policy apply: " + bad + ":3: '99999' is not a port (0-65535)"
                    + System.lineSeparator());
            Cli c = Cli.run(concat(new String[] {"policy", "counters"}, where));
            assertThat(c.out()).as("the first ruleset is still in force").contains("revision " + revision(a.out()));
            Cli q = Cli.run(concat(new String[] {"policy", "quarantine", "--device", "192.168.1.77", "--reason",
                "attack.telnet_scan", "--by", "test"}, where));
            assertThat(q.exit()).as(q.err()).isZero();
            assertThat(q.out()).contains("192.168.1.77 quarantined until ").contains("(offence 1, test)");
            assertThat(Files.readString(tmp.resolve("ledger.json.log"))).contains("\"kind\":\"block\"");
            Cli out = Cli.run(concat(new String[] {"policy", "release", "--device", "192.168.1.77", "--reason", "fixed",
                "--by", "test"}, where));
            assertThat(out.exit()).as(out.err()).isZero();
            Cli outside = Cli.run("policy", "apply", good.toString(), Cli.sample().toString(), "--netns", ns, "--scope",
                    "somewhere-else", "--scratch", tmp.toString());
            assertThat(outside.exit()).isEqualTo(4);
            assertThat(outside.err()).contains("refused: network namespace '" + ns + "' is outside the enforcement scope");
        } finally {
            sh("ip", "netns", "del", ns);
        }
    }

    static String revision(String applyOut) {
        int i = applyOut.indexOf("revision ");
        return applyOut.substring(i + 9, i + 21);
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
