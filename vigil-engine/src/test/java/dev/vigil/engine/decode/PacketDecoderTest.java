package dev.vigil.engine.decode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.capture.LinkType;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.testing.Packets;
import dev.vigil.engine.testing.Packets.Frame;
import dev.vigil.engine.testing.TestData;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PacketDecoderTest {

    private final AnomalyCounters anomalies = new AnomalyCounters();
    private final PacketDecoder decoder = new PacketDecoder(anomalies);
    private final Decoded d = new Decoded();
    private final RawPacket raw = new RawPacket();

    private boolean decode(Frame f) {
        f.into(raw);
        return decoder.decode(raw, d);
    }

    /** Every prefix of every packet, as if the snap length were each value in turn: never a throw. */
    @ParameterizedTest
    @ValueSource(strings = {"ndpi-bot-vlan-first40.pcap", "ndpi-syslog-pppoe.pcap", "ndpi-selfsigned.pcap",
        "zeek-tcp-syslog-rawip.pcap", "ndpi-rtsp-sll.pcap", "vigil-sll2-loopback-http.pcap", "ndpi-ftp-failed.pcap",
        "dhcpv6-mud.pcap", "zeek-arp-who-has.pcap", "LLDP_and_CDP.pcap"})
    void everyTruncationPointDecodesWithoutThrowing(String capture) {
        for (Frame f : Packets.read(TestData.capture(capture))) {
            for (int cut = 0; cut <= f.data().length; cut++) {
                byte[] prefix = Arrays.copyOf(f.data(), cut);
                raw.set(prefix, 0, cut, f.data().length, f.ts(), f.linkType(), 0);
                decoder.decode(raw, d);
                assertThat(d.payloadCaptured).isBetween(0, cut);
                if (d.payloadCaptured > 0) {
                    assertThat(d.payloadOffset + d.payloadCaptured).isLessThanOrEqualTo(cut);
                }
            }
        }
        assertThat(anomalies.snapshot(dev.vigil.engine.anomaly.Anomaly.Kind.MALFORMED))
                .as("cuts marked as snap-length truncation are not malformed input").isEmpty();
    }

    @Test
    void vlanTagIsRead() {
        Frame f = Packets.read(TestData.capture("ndpi-bot-vlan-first40.pcap")).get(0);
        assertThat(decode(f)).isTrue();
        assertThat(d.vlan).isGreaterThanOrEqualTo(0);
        assertThat(d.ipVersion).isEqualTo(4);
        assertThat(d.isTcp()).isTrue();
    }

    @Test
    void pppoeSessionCarriesIpv4() {
        Frame f = Packets.read(TestData.capture("ndpi-syslog-pppoe.pcap")).get(0);
        assertThat(decode(f)).isTrue();
        assertThat(d.ipVersion).isEqualTo(4);
        assertThat(d.isUdp()).isTrue();
        assertThat(d.dstPort).isEqualTo(514);
        assertThat(d.srcIp()).isEqualTo(Ip.parse("95.136.242.54"));
    }

    @Test
    void bsdLoopbackAndRawIp() {
        Frame loop = Packets.read(TestData.capture("ndpi-selfsigned.pcap")).get(0);
        assertThat(loop.linkType()).isEqualTo(LinkType.NULL);
        assertThat(decode(loop)).isTrue();
        assertThat(d.srcIp()).isEqualTo(Ip.parse("127.0.0.1"));
        Frame rawIp = Packets.read(TestData.capture("zeek-tcp-syslog-rawip.pcap")).get(0);
        assertThat(decode(rawIp)).isTrue();
        assertThat(d.dstPort).isEqualTo(514);
    }

    @Test
    void ipv6Transport() {
        Frame f = Packets.read(TestData.capture("ndpi-ftp-failed.pcap")).get(0);
        assertThat(decode(f)).isTrue();
        assertThat(d.ipVersion).isEqualTo(6);
        assertThat(d.dstPort).isEqualTo(21);
        assertThat(d.srcIp().toString()).isEqualTo("2a00:d40:1:3:192:12:193:11");
    }

    @Test
    void ipv4HeaderLengthBelowFiveWordsIsMalformed() {
        Frame f = Packets.read(TestData.capture("zeek-ftp-ipv4.pcap")).get(0);
        byte[] b = f.data().clone();
        b[14] = 0x44;
        decode(f.withData(b));
        assertThat(d.ipVersion).isZero();
        assertThat(anomalies.snapshot()).containsEntry("ipv4.bad_header_length", 1L);
    }

    @Test
    void tcpDataOffsetBelowFiveIsMalformedButPortsSurvive() {
        Frame f = Packets.read(TestData.capture("zeek-ftp-ipv4.pcap")).get(0);
        byte[] b = f.data().clone();
        b[14 + 20 + 12] = 0x30;
        decode(f.withData(b));
        assertThat(anomalies.snapshot()).containsEntry("tcp.bad_data_offset", 1L);
        assertThat(d.hasPorts).isTrue();
        assertThat(d.dstPort).isEqualTo(21);
    }

    @Test
    void snapLengthCutOfTcpOptionsIsNotAnError() {
        Frame f = Packets.read(TestData.capture("vigil-sll2-loopback-http.pcap")).get(0);
        // the SYN carries 20 bytes of options; keep only the fixed header, as a 54-byte snap length would
        int keep = 20 + 20 + 20;
        raw.set(Arrays.copyOf(f.data(), keep), 0, keep, f.data().length, f.ts(), f.linkType(), 0);
        assertThat(decoder.decode(raw, d)).isTrue();
        assertThat(d.hasPorts).isTrue();
        assertThat(d.tcpFlags & Decoded.TCP_SYN).isNotZero();
        assertThat(anomalies.total()).isZero();
    }

    @Test
    void arpFieldsAreRead() {
        List<Frame> frames = Packets.read(TestData.capture("zeek-arp-who-has.pcap"));
        assertThat(decode(frames.get(1))).isTrue();
        assertThat(d.l2Protocol).isEqualTo(Decoded.L2_ARP);
        assertThat(d.arpOp).isEqualTo(2);
        assertThat(Ip.ofV4(d.arpSenderIp)).isEqualTo(Ip.parse("10.0.0.1"));
    }

    @Test
    void unsupportedLinkTypeIsCountedAndSkipped() {
        Frame f = Packets.read(TestData.capture("tftp.pcap")).get(0);
        raw.set(f.data(), 0, f.data().length, f.data().length, f.ts(), 195, 0);
        assertThat(decoder.decode(raw, d)).isFalse();
        assertThat(anomalies.snapshot()).containsEntry("link.unsupported_type", 1L);
    }
}
