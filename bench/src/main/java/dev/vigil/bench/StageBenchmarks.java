package dev.vigil.bench;

import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.behavior.BehaviorProfiles;
import dev.vigil.detect.behavior.BruteForceDetector;
import dev.vigil.detect.behavior.C2Detector;
import dev.vigil.detect.behavior.DdosDetector;
import dev.vigil.detect.behavior.DnsNames;
import dev.vigil.detect.behavior.ExploitDetector;
import dev.vigil.detect.behavior.LateralDetector;
import dev.vigil.detect.behavior.Locality;
import dev.vigil.detect.behavior.ScanDetector;
import dev.vigil.detect.behavior.Scans;
import dev.vigil.detect.behavior.TunnelDetector;
import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.detect.hygiene.CredentialChecks;
import dev.vigil.detect.hygiene.DefaultCredentials;
import dev.vigil.detect.hygiene.ServiceChecks;
import dev.vigil.detect.hygiene.TlsChecks;
import dev.vigil.detect.hygiene.UpdateChecks;
import dev.vigil.detect.inventory.Inventory;
import dev.vigil.detect.inventory.observe.Observers;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Pipeline;
import dev.vigil.engine.Protocols;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.capture.CaptureLimits;
import dev.vigil.engine.capture.Captures;
import dev.vigil.engine.capture.PacketSource;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.decode.Decoded;
import dev.vigil.engine.decode.PacketDecoder;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.event.EventSink;
import dev.vigil.engine.flow.FlowLimits;
import dev.vigil.engine.flow.FlowTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * What each stage of {@code vigil analyze} costs per packet, on the first {@link #PACKETS} packets of
 * the reference capture (one copy of its base is 219,030 packets, so this is nearly all of its mix),
 * held in memory. Engine stages run the packets: {@code read} (the capture reader over the slice's
 * file), {@code decode}, {@code flowTable} (decode and track), {@code engine} (the whole pipeline,
 * every protocol, events dropped) and {@code engineWithout} (the same without one protocol: the
 * difference is that protocol's dissection; "dns+mdns+llmnr" removes several, as one DNS-shaped
 * payload is claimed by another DNS protocol when its own is gone). Listeners replay the events the engine emitted for the
 * slice, in order, into a fresh instance each iteration: {@code listener} with the inventory, each
 * hygiene check and each behavioural detector. Each result divided by nothing: it is already in
 * nanoseconds per packet (one operation is one packet). Run with {@code bench/stages.sh}, which
 * writes the slice first; {@code -prof gc} adds the bytes allocated per packet.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4)
@Measurement(iterations = 6)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC", "-Xms1g", "-Xmx1g", "-XX:+UseCompactObjectHeaders"})
public class StageBenchmarks {

    /** Packets in the slice; a constant because JMH divides by it. */
    static final int PACKETS = 200_000;

    @Param({"dns"})
    public String without;

    @Param({"inventory"})
    public String listener;

    private Path slice;
    private byte[] bytes;
    private int[] starts;
    private int[] lengths;
    private long[] times;
    private int[] linkTypes;
    private final RawPacket raw = new RawPacket();
    private final Decoded decoded = new Decoded();
    private final PacketDecoder decoder = new PacketDecoder(new AnomalyCounters());
    private final FlowTable flows = new FlowTable(FlowLimits.DEFAULT, (f, r) -> { }, new AnomalyCounters());

    @Setup(Level.Trial)
    public void load() throws Exception {
        slice = Path.of(System.getProperty("vigil.slice", "bench/work/slice.pcap"));
        if (!Files.isRegularFile(slice)) {
            throw new IllegalStateException(slice + " is missing: bench/stages.sh writes it from the reference capture");
        }
        List<byte[]> frames = new ArrayList<>(PACKETS);
        times = new long[PACKETS];
        linkTypes = new int[PACKETS];
        try (PacketSource src = Captures.open(slice.toString(), CaptureLimits.DEFAULT, new AnomalyCounters())) {
            while (frames.size() < PACKETS && src.next(raw)) {
                times[frames.size()] = raw.timestampNanos;
                linkTypes[frames.size()] = raw.linkType;
                frames.add(java.util.Arrays.copyOfRange(raw.data, raw.offset, raw.offset + raw.capturedLength));
            }
        }
        if (frames.size() < PACKETS) {
            throw new IllegalStateException(slice + " holds " + frames.size() + " packets, fewer than " + PACKETS);
        }
        starts = new int[PACKETS];
        lengths = new int[PACKETS];
        int total = 0;
        for (byte[] f : frames) {
            total += f.length;
        }
        bytes = new byte[total];
        int at = 0;
        for (int i = 0; i < PACKETS; i++) {
            byte[] f = frames.get(i);
            System.arraycopy(f, 0, bytes, at, f.length);
            starts[i] = at;
            lengths[i] = f.length;
            at += f.length;
        }
    }

    /**
     * The engine benchmarks' pipelines, built once: each iteration ends with {@code endOfInput}, as
     * between two inputs of one analysis, so an iteration's bytes per packet are what the packets
     * cost, not the building of the protocol tables. A state of its own, so that the decoder and
     * flow-table benchmarks (their objects built once as well; the table is empty after
     * {@code endAll}) do not build pipelines at all.
     */
    @State(Scope.Benchmark)
    public static class Engines {
        Pipeline pipeline;
        Pipeline partial;

        @Setup(Level.Trial)
        public void build(StageBenchmarks b) {
            pipeline = new Pipeline(EngineConfig.defaults(), EventSink.NONE);
            List<dev.vigil.engine.dissect.Protocol> kept = new ArrayList<>(Protocols.all());
            java.util.Set<String> removed = java.util.Set.of(b.without.split("\\+"));
            kept.removeIf(p -> removed.contains(p.name()));
            partial = new Pipeline(EngineConfig.defaults().withProtocols(kept), EventSink.NONE);
        }
    }

    /** The events of the slice, recorded once, and a fresh listener each iteration. */
    @State(Scope.Benchmark)
    public static class Listeners {
        List<Event> events;
        Consumer<Event> replay;

        @Setup(Level.Trial)
        public void record(StageBenchmarks b) {
            List<Event> recorded = new ArrayList<>();
            b.runAll(new Pipeline(EngineConfig.defaults(), recorded::add));
            events = recorded;
        }

        @Setup(Level.Iteration)
        public void fresh(StageBenchmarks b) {
            replay = listener(b.listener);
        }
    }

    /** A fresh listener by name, wired the way the analysis wires it. */
    static Consumer<Event> listener(String name) {
        FindingRecorder rec = new FindingRecorder(FindingCatalog.bundled());
        AnalysisConfig config = AnalysisConfig.defaults();
        var dc = config.detection();
        Detector d = switch (name) {
            case "inventory" -> null;
            case "credentials" -> new CredentialChecks(rec, DefaultCredentials.bundled());
            case "services" -> new ServiceChecks(rec);
            case "tls_checks" -> new TlsChecks(rec);
            case "updates" -> new UpdateChecks(rec);
            case "dns_names" -> new DnsNames();
            case "scan" -> new ScanDetector(rec, dc, new DnsNames(), null, new Scans());
            case "brute_force" -> new BruteForceDetector(rec, dc, null);
            case "c2" -> new C2Detector(rec, dc, config.indicators(), new DnsNames(), null, new Scans());
            case "ddos" -> new DdosDetector(rec, dc, null);
            case "tunnel" -> new TunnelDetector(rec, dc, null);
            case "exploit" -> new ExploitDetector(rec, dc, null);
            case "lateral" -> new LateralDetector(rec, dc, null);
            case "behavior" -> new BehaviorProfiles(rec, dc, new DnsNames(), new Locality(List.of()), null);
            default -> throw new IllegalArgumentException("no listener " + name);
        };
        if (d == null) {
            Inventory inv = new Inventory(config.inventory(), Observers.ALL);
            return inv::accept;
        }
        return d::accept;
    }

    RawPacket raw() {
        return raw;
    }

    void set(int i) {
        raw.set(bytes, starts[i], lengths[i], lengths[i], times[i], linkTypes[i], 0);
    }

    void runAll(Pipeline p) {
        for (int i = 0; i < PACKETS; i++) {
            set(i);
            p.accept(raw);
        }
        p.endOfInput();
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public long read() throws Exception {
        long n = 0;
        try (PacketSource src = Captures.open(slice.toString(), CaptureLimits.DEFAULT, new AnomalyCounters())) {
            while (n < PACKETS && src.next(raw)) {
                n += raw.capturedLength;
            }
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void decode(Blackhole bh) {
        for (int i = 0; i < PACKETS; i++) {
            set(i);
            bh.consume(decoder.decode(raw, decoded));
        }
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void flowTable(Blackhole bh) {
        long sweep = 0;
        for (int i = 0; i < PACKETS; i++) {
            set(i);
            if (times[i] >= sweep) {
                flows.evictIdle(times[i]);
                sweep = times[i] + 1_000_000_000L;
            }
            if (decoder.decode(raw, decoded) && decoded.ipVersion != 0 && !decoded.laterFragment
                    && (decoded.hasPorts || !(decoded.isTcp() || decoded.isUdp()))) {
                bh.consume(flows.track(decoded, times[i]));
            }
        }
        flows.endAll();
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void engine(Engines e) {
        runAll(e.pipeline);
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void engineWithout(Engines e) {
        runAll(e.partial);
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public void listener(Listeners l) {
        Consumer<Event> r = l.replay;
        List<Event> events = l.events;
        for (int i = 0, n = events.size(); i < n; i++) {
            r.accept(events.get(i));
        }
    }
}
