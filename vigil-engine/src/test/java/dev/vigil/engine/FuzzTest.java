package dev.vigil.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.testing.Packets;
import dev.vigil.engine.testing.Packets.Frame;
import dev.vigil.engine.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Mutates real packets (bit flips, byte overwrites with boundary values, length-field changes,
 * truncation, duplication of a flow's packets) and runs them through the whole pipeline: no
 * component may fail on any of them (the pipeline isolates and counts a failure as a fault; here a
 * fault is a finding). CI runs a bounded number ({@code vigil.fuzz.packets}, default 60,000);
 * the benchmark runs millions. A failing input is written under target/fuzz-failures so it can be
 * kept in src/test/resources/fuzz.
 */
class FuzzTest {

    static final String[] CAPTURES = {"zeek-dhcp.pcap", "dhcpv6-mud.pcap", "zeek-mdns.pcap", "ndpi-dns-exf.pcap",
        "ndpi-upnp.pcap", "ndpi-http-auth.pcap", "ndpi-rtsp-sll.pcap", "ndpi-selfsigned.pcap", "zeek-tls1_1.pcap",
        "zeek-ssl-v2.pcap", "zeek-tls-expired-cert.pcap", "ndpi-dtls-old.pcapng", "ndpi-mqtt.pcap", "ndpi-telnet.pcap",
        "zeek-ftp-ipv4.pcap", "zeek-snmpv1-get.pcap", "ndpi-snmp.pcap", "ndpi-ssh.pcap", "ndpi-netbios.pcap",
        "LLDP_and_CDP.pcap", "zeek-cdp-v1.pcap", "tftp.pcap", "zeek-arp-who-has.pcap", "ndpi-syslog-pppoe.pcap",
        "ndpi-bot-vlan-first40.pcap", "vigil-sll2-loopback-http.pcap", "ndpi-ssdp-m-search.pcap"};

    static final int[] BOUNDARY = {0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff, 0x3f, 0x40, 0xc0};

    @Test
    void mutatedRealPacketsNeverThrow() throws IOException {
        long budget = Long.getLong("vigil.fuzz.packets", 60_000);
        SplittableRandom rnd = new SplittableRandom(Long.getLong("vigil.fuzz.seed", 20261125L));
        List<List<Frame>> corpora = new ArrayList<>();
        for (String c : CAPTURES) {
            corpora.add(Packets.read(TestData.capture(c)));
        }
        long done = 0;
        RawPacket raw = new RawPacket();
        while (done < budget) {
            List<Frame> corpus = corpora.get(rnd.nextInt(corpora.size()));
            Pipeline pipeline = new Pipeline(EngineConfig.defaults(), e -> { });
            for (Frame f : corpus) {
                Frame m = mutate(f, rnd);
                m.into(raw);
                pipeline.accept(raw);
                if (pipeline.faults().first() != null) {
                    Path out = Path.of("target/fuzz-failures");
                    Files.createDirectories(out);
                    Path file = out.resolve("crash-" + done + ".bin");
                    Files.write(file, m.data());
                    throw new AssertionError(pipeline.faults().firstComponent().name() + " on a mutated packet (linktype "
                            + m.linkType() + ", saved to " + file + ")", pipeline.faults().first());
                }
                done++;
            }
            pipeline.endOfInput();
            assertThat(pipeline.stats().packets()).isEqualTo(corpus.size());
        }
    }

    static Frame mutate(Frame f, SplittableRandom rnd) {
        byte[] b = f.data().clone();
        int kind = rnd.nextInt(10);
        if (b.length == 0 || kind == 0) {
            return f;
        }
        switch (kind) {
            case 1, 2, 3 -> {
                for (int i = 0, n = 1 + rnd.nextInt(4); i < n; i++) {
                    int p = rnd.nextInt(b.length);
                    b[p] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 4, 5 -> {
                for (int i = 0, n = 1 + rnd.nextInt(3); i < n; i++) {
                    b[rnd.nextInt(b.length)] = (byte) BOUNDARY[rnd.nextInt(BOUNDARY.length)];
                }
            }
            case 6 -> {
                // a 16-bit length-looking field somewhere after the link header set to an extreme
                int p = 12 + rnd.nextInt(Math.max(1, b.length - 13));
                if (p + 1 < b.length) {
                    int v = rnd.nextBoolean() ? 0xffff : rnd.nextInt(0x10000);
                    b[p] = (byte) (v >>> 8);
                    b[p + 1] = (byte) v;
                }
            }
            case 7 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            case 8 -> {
                int p = rnd.nextInt(b.length);
                int n = Math.min(b.length - p, 1 + rnd.nextInt(64));
                for (int i = 0; i < n; i++) {
                    b[p + i] = (byte) rnd.nextInt(256);
                }
            }
            default -> {
                int p = rnd.nextInt(b.length);
                b[p] = (byte) (b[p] + 1);
            }
        }
        return new Frame(b, Math.max(b.length, f.wireLength()), f.ts(), f.linkType());
    }
}
