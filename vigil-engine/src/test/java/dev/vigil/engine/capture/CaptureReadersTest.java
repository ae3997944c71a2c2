package dev.vigil.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.proto.http.HttpRequest;
import dev.vigil.engine.testing.EngineRun;
import dev.vigil.engine.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureReadersTest {

    @TempDir
    Path tmp;

    private record Seen(long ts, int caplen, int wirelen, int linkType, int iface, int firstByte) {
    }

    private static List<Seen> readAll(InputStream in, String name, AnomalyCounters anomalies) throws Exception {
        List<Seen> out = new ArrayList<>();
        try (PacketSource src = Captures.open(in, name, -1, CaptureLimits.DEFAULT, anomalies)) {
            RawPacket p = new RawPacket();
            while (src.next(p)) {
                out.add(new Seen(p.timestampNanos, p.capturedLength, p.wireLength, p.linkType, p.interfaceId,
                        p.capturedLength > 0 ? p.data[p.offset] & 0xff : -1));
            }
        }
        return out;
    }

    private static List<Seen> readFile(Path file) throws Exception {
        return readAll(Files.newInputStream(file), file.toString(), new AnomalyCounters());
    }

    @Test
    void readsMicrosecondPcap() throws Exception {
        List<Seen> p = readFile(TestData.capture("tftp.pcap"));
        assertThat(p).hasSize(7);
        assertThat(p.get(0).linkType()).isEqualTo(LinkType.ETHERNET);
        // tcpdump prints 2015-06-04 12:31:53.718074 for the first packet
        assertThat(p.get(0).ts()).isEqualTo(1433421113718074000L);
    }

    @Test
    void nanosecondPcapGivesTheSameTimesAtFullPrecision() throws Exception {
        List<Seen> micro = readFile(TestData.capture("tftp.pcap"));
        List<Seen> nano = readFile(TestData.capture("tftp-nanosecond.pcap"));
        assertThat(nano).hasSameSizeAs(micro);
        for (int i = 0; i < micro.size(); i++) {
            assertThat(nano.get(i)).isEqualTo(micro.get(i));
        }
    }

    @Test
    void bigEndianPcapReadsLikeLittleEndian() throws Exception {
        Path le = TestData.capture("zeek-ftp-ipv4.pcap");
        Path be = tmp.resolve("be.pcap");
        Files.write(be, swapPcap(Files.readAllBytes(le)));
        assertThat(readFile(be)).isEqualTo(readFile(le));
    }

    @Test
    void gzipCompressedCaptureIsRecognisedByContent() throws Exception {
        Path plain = TestData.capture("ndpi-telnet.pcap");
        Path gz = tmp.resolve("telnet.bin");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(Files.readAllBytes(plain));
        }
        AnomalyCounters a = new AnomalyCounters();
        try (PacketSource src = Captures.open(gz.toString(), CaptureLimits.DEFAULT, a)) {
            assertThat(src.format()).isEqualTo("pcap+gzip");
            assertThat(src.totalBytes()).isEqualTo(Files.size(gz));
        }
        assertThat(readFile(gz)).isEqualTo(readFile(plain));
    }

    /**
     * Issue 16 audit: a compressed capture cut short (still being written, copied while rotating)
     * or damaged in its middle failed the whole input, packets read before it included ("cannot
     * read: Unexpected end of ZLIB input stream"). As with an uncompressed capture cut short, what
     * came before is read and the damage is counted.
     */
    @Test
    void aCompressedCaptureCutShortOrDamagedKeepsWhatCameBefore() throws Exception {
        Path capture = TestData.capture("vigil-netns-botnet.pcap");
        int packets = readFile(capture).size();
        byte[] plain = Files.readAllBytes(capture);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(plain);
        }
        byte[] whole = gz.toByteArray();
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        AnomalyCounters a = new AnomalyCounters();
        List<Seen> partial = readAll(new ByteArrayInputStream(cut), "cut.pcap.gz", a);
        assertThat(partial.size()).isBetween(1, packets - 1);
        assertThat(a.get(CaptureInput.COMPRESSED_CORRUPT)).isEqualTo(1);
        byte[] damaged = whole.clone();
        for (int i = whole.length / 2; i < whole.length / 2 + 64; i++) {
            damaged[i] ^= (byte) 0x5a;
        }
        AnomalyCounters b = new AnomalyCounters();
        List<Seen> before = readAll(new ByteArrayInputStream(damaged), "damaged.pcap.gz", b);
        assertThat(before.size()).isBetween(1, packets - 1);
        // inflated garbage ends the read as a corrupt stream, or as a record the reader rejects
        assertThat(b.snapshot(dev.vigil.engine.anomaly.Anomaly.Kind.MALFORMED)).isNotEmpty();
    }

    @Test
    void readsAStreamAsIfFromStdin() throws Exception {
        Path file = TestData.capture("ndpi-mqtt.pcap");
        byte[] bytes = Files.readAllBytes(file);
        // a pipe delivers small chunks: make every read return at most 7 bytes
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        assertThat(readAll(trickle, "-", new AnomalyCounters())).isEqualTo(readFile(file));
    }

    @Test
    void pcapngWithSeveralInterfacesAndLinkTypes() throws Exception {
        List<Seen> p = readFile(TestData.capture("multi-interface.pcapng"));
        assertThat(p).hasSize(47);
        assertThat(p.stream().map(Seen::linkType).distinct().sorted().toList())
                .containsExactlyInAnyOrder(LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.IPV4);
        assertThat(p.stream().map(Seen::iface).distinct().count()).isEqualTo(3);
        assertThat(p).isSortedAccordingTo((x, y) -> Long.compare(x.ts(), y.ts()));
    }

    @Test
    void pcapngEnhancedPacketBlocksDecodeThroughThePipeline() {
        EngineRun run = EngineRun.of(TestData.capture("multi-interface.pcapng"));
        assertThat(run.stats.flowsByService()).containsKeys("rtsp", "syslog", "tftp");
    }

    @Test
    void linuxCookedV2CaptureOfRealLoopbackTraffic() {
        EngineRun run = EngineRun.of(TestData.capture("vigil-sll2-loopback-http.pcap"));
        List<HttpRequest> requests = run.events(HttpRequest.class);
        assertThat(requests).extracting(HttpRequest::uri).containsExactly("/index.html", "/nothing");
        assertThat(requests.get(0).authUser()).isEqualTo("admin");
        assertThat(requests.get(0).authSecret().reveal()).isEqualTo("admin");
    }

    @Test
    void textFileIsNotACapture() throws Exception {
        Path txt = tmp.resolve("notes.txt");
        Files.writeString(txt, "this is not a capture\n");
        assertThatThrownBy(() -> Captures.open(txt.toString(), CaptureLimits.DEFAULT, new AnomalyCounters()))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("notes.txt")
                .hasMessageContaining("not a pcap or pcapng capture");
    }

    @Test
    void emptyFileIsNotACapture() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.pcap"));
        assertThatThrownBy(() -> Captures.open(empty.toString(), CaptureLimits.DEFAULT, new AnomalyCounters()))
                .isInstanceOf(CaptureFormatException.class).hasMessageContaining("empty");
    }

    @Test
    void truncatedFileKeepsEveryWholePacketAndCountsTheCut() throws Exception {
        byte[] all = Files.readAllBytes(TestData.capture("zeek-ftp-ipv4.pcap"));
        int total = readFile(TestData.capture("zeek-ftp-ipv4.pcap")).size();
        Path cut = tmp.resolve("cut.pcap");
        Files.write(cut, Arrays.copyOf(all, all.length - 30));
        AnomalyCounters a = new AnomalyCounters();
        List<Seen> p = readAll(Files.newInputStream(cut), "cut.pcap", a);
        assertThat(p).hasSize(total - 1);
        assertThat(a.snapshot()).containsEntry("pcap.truncated_record", 1L);
    }

    @Test
    void absurdRecordLengthEndsTheReadWithAnAnomaly() throws Exception {
        byte[] all = Files.readAllBytes(TestData.capture("tftp.pcap"));
        // first record header starts at 24; its caplen is at 24+8 (little-endian file)
        ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putInt(32, 0x7fffffff);
        AnomalyCounters a = new AnomalyCounters();
        List<Seen> p = readAll(new ByteArrayInputStream(all), "bad.pcap", a);
        assertThat(p).isEmpty();
        assertThat(a.snapshot()).containsEntry("pcap.record_too_large", 1L);
    }

    @Test
    void pcapngBlockWithBadLengthIsCounted() throws Exception {
        byte[] all = Files.readAllBytes(TestData.capture("ndpi-dtls-old.pcapng"));
        int shbLen = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getInt(4);
        ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putInt(shbLen + 4, 13);
        AnomalyCounters a = new AnomalyCounters();
        readAll(new ByteArrayInputStream(all), "bad.pcapng", a);
        assertThat(a.snapshot()).containsEntry("pcapng.bad_block_length", 1L);
    }

    @Test
    void pcapngTimestampResolutions() {
        assertThat(PcapNgReader.toNanos(1_500_000L, 6)).isEqualTo(1_500_000_000L);
        assertThat(PcapNgReader.toNanos(15L, 1)).isEqualTo(1_500_000_000L);
        assertThat(PcapNgReader.toNanos(1_500_000_000_000L, 12)).isEqualTo(1_500_000_000L);
        // 2^-10 s units: 1536 units = 1.5 s
        assertThat(PcapNgReader.toNanos(1536L, -10)).isEqualTo(1_500_000_000L);
        assertThat(PcapNgReader.toNanos(3L << 39, -40)).isEqualTo(1_500_000_000L);
    }

    /** Rewrites a little-endian pcap as big-endian: file header and record headers, not packet data. */
    static byte[] swapPcap(byte[] le) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(le).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream out = new ByteArrayOutputStream(le.length);
        ByteBuffer head = ByteBuffer.allocate(24).order(ByteOrder.BIG_ENDIAN);
        head.putInt(in.getInt(0)).putShort(in.getShort(4)).putShort(in.getShort(6)).putInt(in.getInt(8))
                .putInt(in.getInt(12)).putInt(in.getInt(16)).putInt(in.getInt(20));
        out.write(head.array());
        int p = 24;
        while (p + 16 <= le.length) {
            int caplen = in.getInt(p + 8);
            ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
            rec.putInt(in.getInt(p)).putInt(in.getInt(p + 4)).putInt(caplen).putInt(in.getInt(p + 12));
            out.write(rec.array());
            out.write(le, p + 16, caplen);
            p += 16 + caplen;
        }
        return out.toByteArray();
    }
}
