package dev.vigil.bench;

import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Pipeline;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.capture.CaptureLimits;
import dev.vigil.engine.capture.Captures;
import dev.vigil.engine.capture.PacketSource;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.decode.Decoded;
import dev.vigil.engine.decode.PacketDecoder;
import dev.vigil.engine.event.EventSink;
import dev.vigil.engine.flow.FlowLimits;
import dev.vigil.engine.flow.FlowTable;
import dev.vigil.engine.proto.dns.DnsParser;
import dev.vigil.engine.proto.http.HttpHeadParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Micro-benchmarks of the engine's hot paths on real packets (the captures under
 * vigil-engine/src/test/resources/captures, loaded once into memory): decoding, the flow table,
 * the whole pipeline, and the DNS and HTTP parsers. Run with bench/jmh.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmarks {

    static final int BATCH = 4096;

    @Param({"zeek-tls-expired-cert.pcap,ndpi-http-auth.pcap,zeek-mdns.pcap,ndpi-rtsp-sll.pcap,zeek-dhcp.pcap"})
    public String captures;

    private byte[][] frames;
    private int[] linkTypes;
    private long[] times;
    private final RawPacket raw = new RawPacket();
    private final Decoded decoded = new Decoded();
    private PacketDecoder decoder;
    private FlowTable flows;
    private Pipeline pipeline;
    private byte[] dnsMessage;
    private byte[] httpHead;
    private final DnsParser dns = new DnsParser();
    private long clock;

    @Setup(Level.Trial)
    public void load() throws Exception {
        Path dir = Path.of(System.getProperty("vigil.captures", "vigil-engine/src/test/resources/captures"));
        List<byte[]> f = new ArrayList<>();
        List<Integer> lt = new ArrayList<>();
        List<Long> ts = new ArrayList<>();
        for (String c : captures.split(",")) {
            try (PacketSource src = Captures.open(dir.resolve(c).toString(), CaptureLimits.DEFAULT, new AnomalyCounters())) {
                while (src.next(raw)) {
                    f.add(Arrays.copyOfRange(raw.data, raw.offset, raw.offset + raw.capturedLength));
                    lt.add(raw.linkType);
                    ts.add(raw.timestampNanos);
                }
            }
        }
        frames = f.toArray(byte[][]::new);
        linkTypes = lt.stream().mapToInt(Integer::intValue).toArray();
        times = ts.stream().mapToLong(Long::longValue).toArray();
        decoder = new PacketDecoder(new AnomalyCounters());
        flows = new FlowTable(FlowLimits.DEFAULT, (fl, r) -> { }, new AnomalyCounters());
        pipeline = new Pipeline(EngineConfig.defaults(), EventSink.NONE);
        // one real mDNS response and one real HTTP request head
        byte[] mdns = null;
        for (int i = 0; i < frames.length && mdns == null; i++) {
            raw.set(frames[i], 0, frames[i].length, frames[i].length, times[i], linkTypes[i], 0);
            decoder.decode(raw, decoded);
            if (decoded.isUdp() && decoded.srcPort == 5353 && decoded.payloadCaptured > 100) {
                mdns = Arrays.copyOfRange(frames[i], decoded.payloadOffset, decoded.payloadOffset + decoded.payloadCaptured);
            }
        }
        dnsMessage = mdns;
        httpHead = ("GET /password-ok.php HTTP/1.1\r\nHost: browserspy.dk\r\nConnection: keep-alive\r\n"
                + "Authorization: Basic dGVzdDpmYWlsMw==\r\nUser-Agent: Mozilla/5.0 (Macintosh; Intel Mac OS X 10_8_5) "
                + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/30.0.1599.69 Safari/537.36\r\nAccept: text/html\r\n"
                + "Accept-Encoding: gzip,deflate,sdch\r\nAccept-Language: en-US,en;q=0.8\r\n\r\n").getBytes();
    }

    private void set(int i) {
        raw.set(frames[i], 0, frames[i].length, frames[i].length, times[i], linkTypes[i], 0);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void decode(Blackhole bh) {
        for (int k = 0; k < BATCH; k++) {
            set(k % frames.length);
            bh.consume(decoder.decode(raw, decoded));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void decodeAndTrackFlows(Blackhole bh) {
        for (int k = 0; k < BATCH; k++) {
            int i = k % frames.length;
            set(i);
            if (decoder.decode(raw, decoded) && decoded.ipVersion != 0 && !decoded.laterFragment) {
                clock += 1000;
                bh.consume(flows.track(decoded, clock));
            }
        }
        flows.evictIdle(clock);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void wholePipeline() {
        for (int k = 0; k < BATCH; k++) {
            set(k % frames.length);
            pipeline.accept(raw);
        }
    }

    @Benchmark
    public Object dnsParse() {
        return dns.parse(0, null, "mdns", dnsMessage, 0, dnsMessage.length);
    }

    @Benchmark
    public Object httpHeadParse() {
        return HttpHeadParser.parseKnown(httpHead, 0, httpHead.length);
    }
}
