package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.enforce.radius.Peers;
import dev.vigil.engine.testing.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RADIUS inside {@code vigil serve}, with real peers on loopback: Debian's radclient asks as a switch
 * would (MAC authentication bypass) and FreeRADIUS listens as the NAS for Change-of-Authorization.
 * A device the switch admitted before Vigil knew it is moved to its zone's VLAN once the inventory
 * has it, and to the quarantine VLAN when Vigil's own detection drops its trust to quarantined; the
 * NAS acknowledges each move and the audit log has them.
 */
class ServeRadiusTest {

    static final String SECRET = "vigil-radius-test-secret-0123";
    static final String BOT_MAC = "02:00:5e:77:00:10";

    static final String POLICY = """
            policy lab
            default allow
            zone iot subnet=192.168.77.0/24
            vlan tier:quarantined 999
            vlan iot 20
            vlan default 10
            """;

    @TempDir
    Path tmp;

    static String mab(String mac) {
        String dashed = mac.replace(':', '-').toUpperCase(Locale.ROOT);
        return "User-Name = \"" + dashed + "\", User-Password = \"" + dashed + "\", Calling-Station-Id = \"" + dashed
                + "\", NAS-IP-Address = 127.0.0.1, NAS-Port = 7, Service-Type = Call-Check, Message-Authenticator = 0x00";
    }

    @Test
    void aTierChangeInTheServiceMovesTheDeviceOnTheSwitchByCoa() throws Exception {
        Assumptions.assumeTrue(Peers.present(), "radclient and freeradius are not installed (scripts/install-test-deps.sh installs them): skipped");
        Path policy = tmp.resolve("lab.policy");
        Files.writeString(policy, POLICY);
        Path secret = tmp.resolve("secret");
        Files.writeString(secret, SECRET + "\n");
        Path captures = Files.createDirectories(tmp.resolve("captures"));
        try (Peers.Nas nas = new Peers.Nas(tmp.resolve("nas"), SECRET, "NEVER-NAKED")) {
            ServerConfig cfg = TestServer.config(tmp.resolve("data"), List.of(captures)).withEnforcement(new ServerConfig.Enforcement(
                    policy, null, List.of(), List.of(), new ServerConfig.Radius("127.0.0.1:0", List.of("127.0.0.1"), secret, nas.port)));
            try (TestServer ts = TestServer.start(cfg)) {
                TestServer.Client admin = ts.admin();
                int port = ts.server.segmentation().switches().address().getPort();
                // the switch admits the device before Vigil has seen it: the default VLAN
                assertThat(Peers.radclient(port, "auth", SECRET, mab(BOT_MAC))).contains("Received Access-Accept")
                        .contains("Tunnel-Private-Group-Id:0 = \"10\"");
                // then its traffic arrives: it joins zone iot, turns out to be a bot, and is quarantined
                Path part = tmp.resolve("bot.part");
                Files.copy(TestData.capture("vigil-netns-botnet.pcap"), part);
                Files.move(part, captures.resolve("cap-0001.pcap"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                long end = System.currentTimeMillis() + 60_000;
                while (System.currentTimeMillis() < end && !String.join("\n", nas.received()).contains("\"999\"")) {
                    Thread.sleep(100);
                }
                ts.server.segmentation().switches().settle(5_000);
                String got = String.join("\n", nas.received());
                assertThat(got).contains("Received CoA-Request").contains("Calling-Station-Id = \"02-00-5E-77-00-10\"")
                        .contains("Tunnel-Private-Group-Id:0 = \"999\"");
                assertThat(nas.log()).doesNotContain("invalid Message-Authenticator").doesNotContain("Shared secret is incorrect");
                JsonNode radius = admin.get("/api/policy").json().get("radius");
                assertThat(radius.get("moves").findValuesAsText("to")).contains("999");
                assertThat(radius.get("moves").findValues("done")).allSatisfy(d -> assertThat(d.asBoolean()).isTrue());
                assertThat(admin.get("/api/quarantine?state=active").json().get("items").findValuesAsText("device"))
                        .contains("mac:" + BOT_MAC);
                String audit = admin.get("/api/audit?limit=500").text();
                assertThat(audit).contains("radius.move").contains("-> 999 (tier quarantined)");
                // asking again, the switch is told the quarantine VLAN
                assertThat(Peers.radclient(port, "auth", SECRET, mab(BOT_MAC))).contains("Tunnel-Private-Group-Id:0 = \"999\"");
            }
        }
    }
}
