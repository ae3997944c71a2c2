package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil policy radius} answering Debian's radclient, as a switch doing MAC authentication bypass would. */
class PolicyRadiusCommandTest {

    @TempDir
    Path tmp;

    static final String SECRET = "a-shared-secret-for-the-cli-test";

    @Test
    void aSwitchGetsTheQuarantineVlanForAQuarantinedDeviceAndItsZonesForOthers() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/radclient")), "radclient is not installed: skipped");
        Path policy = tmp.resolve("office.policy");
        Files.writeString(policy, """
                policy office
                zone cams device=mac:02:00:00:00:00:01,mac:02:00:00:00:00:02
                vlan tier:quarantined 999
                vlan cams 20
                """);
        Path inventory = tmp.resolve("inventory.json");
        Files.writeString(inventory, """
                [{"id": "mac:02:00:00:00:00:01", "mac": "02:00:00:00:00:01", "trust": {"tier": "trusted"}},
                 {"id": "mac:02:00:00:00:00:02", "mac": "02:00:00:00:00:02", "trust": {"tier": "quarantined"}}]
                """);
        Path secret = tmp.resolve("secret");
        Files.writeString(secret, SECRET + "\n");
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int[] rc = {-1};
        Thread t = Thread.ofPlatform().start(() -> rc[0] = Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "policy", "radius", policy.toString(), "--inventory", inventory.toString(), "--listen", "127.0.0.1:" + port,
                "--client", "127.0.0.1", "--secret-file", secret.toString(), "--for", "6"));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!out.toString().contains("listening on") && System.nanoTime() < end && t.isAlive()) {
            Thread.sleep(50);
        }
        assertThat(out.toString()).as(err.toString()).contains("listening on /127.0.0.1:" + port);
        assertThat(radclient(port, "02-00-00-00-00-01")).contains("Received Access-Accept").contains("Tunnel-Private-Group-Id:0 = \"20\"");
        assertThat(radclient(port, "02-00-00-00-00-02")).contains("Tunnel-Private-Group-Id:0 = \"999\"");
        assertThat(radclient(port, "02-00-00-00-00-03")).contains("Received Access-Reject");
        t.join(20_000);
        assertThat(rc[0]).as(err.toString()).isZero();
        assertThat(out.toString()).contains("accept 02:00:00:00:00:01 vlan 20 (zone cams) device mac:02:00:00:00:00:01 from 127.0.0.1")
                .contains("accept 02:00:00:00:00:02 vlan 999 (tier quarantined)")
                .contains("reject 02:00:00:00:00:03 (not in the inventory and the policy has no vlan default)")
                .contains("2 accepted, 1 rejected");
    }

    @Test
    void aShortSecretOrAPolicyWithoutVlansIsOneLine() throws Exception {
        Path policy = tmp.resolve("p.policy");
        Files.writeString(policy, "policy p\n");
        Path inventory = tmp.resolve("inventory.json");
        Files.writeString(inventory, "[]");
        Path secret = tmp.resolve("secret");
        Files.writeString(secret, "testing123\n");
        Cli r = Cli.run("policy", "radius", policy.toString(), "--inventory", inventory.toString(), "--client", "127.0.0.1",
                "--secret-file", secret.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("vigil policy radius: the shared secret of 127.0.0.1 is 10 octets; RADIUS needs at least 16");
        Files.writeString(secret, SECRET + "\n");
        r = Cli.run("policy", "radius", policy.toString(), "--inventory", inventory.toString(), "--client", "127.0.0.1",
                "--secret-file", secret.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("vigil policy radius: " + policy + " has no vlan statement");
    }

    private static String radclient(int port, String mac) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/radclient", "-x", "-t", "1", "-r", "1", "127.0.0.1:" + port, "auth", SECRET)
                .redirectErrorStream(true).start();
        p.getOutputStream().write(("User-Name = \"" + mac + "\", User-Password = \"" + mac + "\", Calling-Station-Id = \""
                + mac + "\", Message-Authenticator = 0x00\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(20, TimeUnit.SECONDS);
        return out;
    }
}
