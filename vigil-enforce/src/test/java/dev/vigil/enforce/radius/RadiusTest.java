package dev.vigil.enforce.radius;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.detect.segmentation.Policy;
import dev.vigil.detect.segmentation.PolicyContext;
import dev.vigil.detect.segmentation.PolicyParser;
import dev.vigil.detect.segmentation.Subject;
import dev.vigil.enforce.EnforcementException;
import dev.vigil.engine.net.Cidr;
import dev.vigil.engine.net.Ip;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RADIUS with real peers on loopback: Debian's radclient asks as a switch would (MAC authentication
 * bypass, Message-Authenticator) and checks every reply's authenticators itself; FreeRADIUS listens
 * for CoA and Disconnect as the NAS and checks every request's. A tier change moves the device.
 */
class RadiusTest {

    static final String SECRET = "vigil-radius-test-secret-0123";

    static final String POLICY = """
            policy lab
            zone cameras type=camera
            zone phones type=phone
            vlan tier:quarantined 999
            vlan cameras 20
            vlan phones 30
            vlan default 10
            """;

    @TempDir
    Path dir;

    private final List<RadiusServer.Answer> answers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void peers() {
        Assumptions.assumeTrue(Peers.present(), "radclient and freeradius are not installed (scripts/install-test-deps.sh installs them): skipped");
    }

    static Subject device(int i, String type, String tier) {
        String mac = "02:00:00:00:00:0" + i;
        return new Subject("mac:" + mac, mac, List.of(Ip.parse("10.77.0." + i)), type, null, null, List.of(), null, null,
                List.of(), tier, null);
    }

    static PolicyContext estate(String botTier) {
        return PolicyContext.of(List.of(device(1, "camera", "trusted"), device(2, "plug", "trusted"),
                device(3, "phone", "trusted"), device(4, "camera", botTier)));
    }

    private RadiusServer server(Policy p, PolicyContext c) throws Exception {
        return RadiusServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                List.of(new RadiusClient("switch", Cidr.parse("127.0.0.0/8"), SECRET.getBytes(StandardCharsets.UTF_8))),
                Placement.of(p, c), answers::add);
    }

    static String mab(String mac) {
        String dashed = mac.replace(':', '-').toUpperCase(java.util.Locale.ROOT);
        return "User-Name = \"" + dashed + "\", User-Password = \"" + dashed + "\", Calling-Station-Id = \"" + dashed
                + "\", NAS-IP-Address = 127.0.0.1, NAS-Port = 7, Service-Type = Call-Check, Message-Authenticator = 0x00";
    }

    @Test
    void aSwitchGetsEachDevicesVlanAndATierChangeMovesTheDeviceWithCoaOrDisconnect() throws Exception {
        Policy p = PolicyParser.parse("lab.policy", POLICY);
        try (RadiusServer s = server(p, estate("trusted"));
                Peers.Nas nas = new Peers.Nas(dir.resolve("nas"), SECRET, "02-00-00-00-00-03")) {
            int port = s.address().getPort();
            String cam = Peers.radclient(port, "auth", SECRET, mab("02:00:00:00:00:01"));
            assertThat(cam).contains("Received Access-Accept").contains("Tunnel-Type:0 = VLAN")
                    .contains("Tunnel-Medium-Type:0 = IEEE-802").contains("Tunnel-Private-Group-Id:0 = \"20\"");
            assertThat(Peers.radclient(port, "auth", SECRET, mab("02:00:00:00:00:02"))).contains("Tunnel-Private-Group-Id:0 = \"10\"");
            assertThat(Peers.radclient(port, "auth", SECRET, mab("02:00:00:00:00:03"))).contains("Tunnel-Private-Group-Id:0 = \"30\"");
            assertThat(Peers.radclient(port, "auth", SECRET, mab("02:00:00:00:00:04"))).contains("Tunnel-Private-Group-Id:0 = \"20\"");
            // a MAC the inventory has never seen gets the default VLAN, and says so in the log
            assertThat(Peers.radclient(port, "auth", SECRET, mab("02:00:00:00:00:99"))).contains("Tunnel-Private-Group-Id:0 = \"10\"");
            assertThat(answers).extracting(RadiusServer.Answer::reason)
                    .containsExactly("zone cameras", "default", "zone phones", "zone cameras", "default (not in the inventory)");
            assertThat(s.sessions()).hasSize(5);

            // the camera turns bot: its tier drops to quarantined; the phone moves to another zone's VLAN
            Policy moved = PolicyParser.parse("lab.policy", POLICY.replace("vlan phones 30", "vlan phones 31"));
            List<VlanMoves.Move> moves = new VlanMoves(s, new CoaClient(NasScope.LOOPBACK), nas.port)
                    .follow(Placement.of(moved, estate("quarantined")));
            assertThat(moves).extracting(VlanMoves.Move::mac).containsExactlyInAnyOrder("02:00:00:00:00:03", "02:00:00:00:00:04");
            VlanMoves.Move bot = moves.stream().filter(m -> m.mac().endsWith("04")).findFirst().orElseThrow();
            assertThat(bot.from()).isEqualTo(20);
            assertThat(bot.to()).isEqualTo(999);
            assertThat(bot.reason()).isEqualTo("tier quarantined");
            assertThat(bot.done()).isTrue();
            assertThat(bot.results()).extracting(CoaClient.Result::answer).containsExactly("CoA-ACK");
            // this NAS refuses CoA for the phone: Disconnect follows, so it authenticates again
            VlanMoves.Move phone = moves.stream().filter(m -> m.mac().endsWith("03")).findFirst().orElseThrow();
            assertThat(phone.results()).extracting(CoaClient.Result::answer).containsExactly("CoA-NAK", "Disconnect-ACK");
            assertThat(phone.done()).isTrue();

            List<String> got = nas.received();
            assertThat(got).hasSize(3);
            assertThat(got.get(0)).contains("Received CoA-Request").contains("Calling-Station-Id = \"02-00-00-00-00-0")
                    .contains("NAS-Port = 7").contains("Event-Timestamp");
            assertThat(String.join("\n", got)).contains("Tunnel-Private-Group-Id:0 = \"999\"").contains("Received Disconnect-Request");
            assertThat(nas.log()).doesNotContain("invalid Message-Authenticator").doesNotContain("Shared secret is incorrect");

            // the sessions know their new VLAN; a second follow with the same placement sends nothing
            assertThat(s.sessions().stream().filter(x -> x.mac().endsWith("04")).findFirst().orElseThrow().vlan()).isEqualTo(999);
            assertThat(new VlanMoves(s, new CoaClient(NasScope.LOOPBACK), nas.port)
                    .follow(Placement.of(moved, estate("quarantined")))).isEmpty();
            // and the quarantined camera, asking again, is answered with the quarantine VLAN
            assertThat(Peers.radclient(port, "auth", SECRET, mab("02:00:00:00:00:04"))).contains("Tunnel-Private-Group-Id:0 = \"999\"");
        }
    }

    @Test
    void whatCannotBeProvenIsDroppedWhatIsNotMabIsRefusedAndGarbageNeverStopsTheServer() throws Exception {
        Policy p = PolicyParser.parse("lab.policy", POLICY.replace("vlan default 10\n", ""));
        try (RadiusServer s = server(p, estate("trusted"))) {
            int port = s.address().getPort();
            String noProof = mab("02:00:00:00:00:01").replace(", Message-Authenticator = 0x00", "");
            assertThat(Peers.radclient(port, "auth", SECRET, noProof)).doesNotContain("Received Access");
            assertThat(Peers.radclient(port, "auth", "another-secret-of-16-or-more", mab("02:00:00:00:00:01")))
                    .doesNotContain("Received Access");
            // a plug: no zone with a VLAN and no default
            assertThat(Peers.radclient(port, "auth", SECRET, mab("02:00:00:00:00:02"))).contains("Received Access-Reject")
                    .contains("no vlan statement places this device and the policy has no vlan default");
            assertThat(Peers.radclient(port, "auth", SECRET, mab("02:00:00:00:00:01").replaceFirst(
                    "User-Password = \"[^\"]+\"", "User-Password = \"hunter2\""))).contains("Received Access-Reject")
                    .contains("User-Password is not the MAC");
            assertThat(Peers.radclient(port, "auth", SECRET, "User-Name = \"alice\", EAP-Message = 0x0201000a01616c696365, "
                    + "Message-Authenticator = 0x00")).contains("Received Access-Reject").contains("802.1X (EAP) is not answered here");

            try (DatagramSocket raw = new DatagramSocket()) {
                Random rnd = new Random(7);
                List<byte[]> bad = new ArrayList<>();
                bad.add(new byte[3]);
                bad.add(new byte[] {1, 1, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
                byte[] lying = new byte[24];
                lying[0] = 1;
                lying[3] = 24;
                lying[20] = 1;
                lying[21] = 40;
                bad.add(lying);
                byte[] zeroLen = lying.clone();
                zeroLen[21] = 0;
                bad.add(zeroLen);
                for (int i = 0; i < 200; i++) {
                    byte[] b = new byte[20 + rnd.nextInt(200)];
                    rnd.nextBytes(b);
                    b[0] = 1;
                    b[2] = (byte) (b.length >>> 8);
                    b[3] = (byte) b.length;
                    bad.add(b);
                }
                for (byte[] b : bad) {
                    raw.send(new DatagramPacket(b, b.length, s.address()));
                }
            }
            assertThat(Peers.radclient(port, "auth", SECRET, mab("02:00:00:00:00:01"))).contains("Tunnel-Private-Group-Id:0 = \"20\"");
            assertThat(s.dropped()).containsKeys("malformed", "no Message-Authenticator", "bad Message-Authenticator");
            assertThat(s.accepted()).isEqualTo(1);
            assertThat(s.rejected()).isEqualTo(3);
        }
    }

    @Test
    void nothingIsSentToANasOutsideTheScope() {
        Session s = new Session("02:00:00:00:00:04", new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000), null, null,
                -1, null, null, 20, "zone cameras", 0);
        CoaClient coa = new CoaClient(new NasScope(List.of(Cidr.parse("10.0.0.0/8"))));
        assertThatThrownBy(() -> coa.move(s, 999, SECRET.getBytes(StandardCharsets.UTF_8), CoaClient.COA_PORT))
                .isInstanceOf(EnforcementException.class)
                .hasMessage("refused: NAS 127.0.0.1 is outside the enforcement scope (allowed: 10.0.0.0/8)");
        assertThatThrownBy(() -> new RadiusClient("short", Cidr.parse("127.0.0.1/32"), "testing123".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("the shared secret of short is 10 octets; RADIUS needs at least 16 (RFC 2865 section 3)");
    }
}
