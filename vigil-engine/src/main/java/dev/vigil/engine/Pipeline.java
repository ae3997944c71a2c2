package dev.vigil.engine;

import dev.vigil.engine.anomaly.Anomaly;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.anomaly.Faults;
import dev.vigil.engine.flow.PacketRing;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.decode.Decoded;
import dev.vigil.engine.decode.PacketDecoder;
import dev.vigil.engine.dissect.DatagramDissector;
import dev.vigil.engine.dissect.DissectorContext;
import dev.vigil.engine.dissect.FrameDissector;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.dissect.ProtocolSelector;
import dev.vigil.engine.event.EventSink;
import dev.vigil.engine.flow.EndReason;
import dev.vigil.engine.flow.Flow;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowTable;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.net.Ip;
import dev.vigil.engine.net.Mac;
import dev.vigil.engine.proto.arp.ArpMessage;
import dev.vigil.engine.proto.cdp.CdpDissector;
import dev.vigil.engine.proto.ics.DcpDissector;
import dev.vigil.engine.proto.lldp.LldpDissector;
import dev.vigil.engine.proto.ndp.NdpParser;
import dev.vigil.engine.proto.ndp.NeighborDiscovery;
import dev.vigil.engine.stream.TcpReassembler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine on one thread: decode → flow table → TCP reassembly → dissectors → events. Time comes
 * from the packets only (a clock that never runs backwards within an input), so the same capture
 * always gives the same events in the same order. Nothing is allocated per packet on the common
 * path; events, flows and dissector state are allocated when they occur.
 *
 * <p>No packet stops it: an exception in the decoder costs that packet ({@code fault.decode}), one
 * in a dissector costs that flow's dissection ({@code fault.dissector.NAME}, the flow is still
 * tracked and counted), one in flow tracking costs that packet ({@code fault.flow}); each is counted
 * in {@link #faults()} and the next packet is handled as if nothing happened. The event sink must
 * not throw (the analysis isolates its own observers).
 */
public final class Pipeline {

    private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

    static final Anomaly NDP_MALFORMED = NdpParser.MALFORMED;
    static final Anomaly NDP_FAULT = Faults.dissector("ndp");
    static final Anomaly LLDP_FAULT = Faults.dissector("lldp");
    static final Anomaly CDP_FAULT = Faults.dissector("cdp");
    static final Anomaly DCP_FAULT = Faults.dissector("profinet.dcp");

    private final EngineConfig config;
    private final EventSink sink;
    private final AnomalyCounters anomalies = new AnomalyCounters();
    private final Faults faults = anomalies.faults();
    private final PacketDecoder decoder = new PacketDecoder(anomalies);
    private final Decoded d = new Decoded();
    private final FlowTable flows;
    private final ProtocolSelector selector;
    private final DissectorContext ctx;
    private final TcpReassembler tcp;
    private final NdpParser ndp = new NdpParser();
    private final FrameDissector lldp = new LldpDissector();
    private final FrameDissector cdp = new CdpDissector();
    private final FrameDissector dcp = new DcpDissector();
    private final Map<String, long[]> byService = new TreeMap<>();
    private PacketRing ring;
    private RawPacket current;

    private long clock;
    private long nextSweep;
    private long packets;
    private long wireBytes;
    private long capturedBytes;
    private long truncatedPackets;
    private long firstPacket;
    private long lastPacket;
    private final long[] layers = new long[9];
    private final long[] transports = new long[6];

    public Pipeline(EngineConfig config, EventSink sink) {
        this.config = config;
        this.sink = sink;
        this.selector = new ProtocolSelector(config.protocols(), faults);
        this.ctx = new DissectorContext(sink, anomalies, faults);
        this.tcp = new TcpReassembler(config.reassembly(), selector, anomalies, ctx);
        this.flows = new FlowTable(config.flows(), this::flowEnded, anomalies);
    }

    public EngineConfig config() {
        return config;
    }

    public AnomalyCounters anomalies() {
        return anomalies;
    }

    /** Keeps the recent packets of every flow in {@code ring} (null: none kept). */
    public void keepPackets(PacketRing ring) {
        this.ring = ring;
    }

    /** What failed on which input so far (counted among {@link #anomalies()} too). */
    public Faults faults() {
        return faults;
    }

    /** Processes one packet. */
    public void accept(RawPacket raw) {
        packets++;
        wireBytes += raw.wireLength;
        capturedBytes += raw.capturedLength;
        if (raw.capturedLength < raw.wireLength) {
            truncatedPackets++;
        }
        long ts = raw.timestampNanos;
        if (firstPacket == 0 || ts < firstPacket) {
            firstPacket = ts;
        }
        if (ts > lastPacket) {
            lastPacket = ts;
        }
        if (ts > clock) {
            clock = ts;
            if (clock >= nextSweep) {
                flows.evictIdle(clock);
                nextSweep = clock + SWEEP_INTERVAL_NANOS;
            }
        }
        current = raw;
        boolean decoded;
        try {
            decoded = decoder.decode(raw, d);
        } catch (RuntimeException | StackOverflowError e) {
            faults.record(Faults.DECODE, e);
            decoded = false;
        }
        if (!decoded) {
            layers[7]++;
            return;
        }
        layers[d.l2Protocol]++;
        try {
            switch (d.l2Protocol) {
                case Decoded.L2_IPV4, Decoded.L2_IPV6 -> ip();
                case Decoded.L2_ARP -> arp();
                case Decoded.L2_LLDP -> frame(lldp, LLDP_FAULT);
                case Decoded.L2_CDP -> frame(cdp, CDP_FAULT);
                case Decoded.L2_PROFINET -> frame(dcp, DCP_FAULT);
                default -> {
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            faults.record(Faults.FLOW, e);
        }
    }

    private void ip() {
        if (d.ipVersion == 0) {
            return;
        }
        if (d.laterFragment) {
            transports[5]++;
            return;
        }
        int proto = d.protocol;
        transports[switch (proto) {
            case Decoded.TCP -> 0;
            case Decoded.UDP -> 1;
            case Decoded.ICMP -> 2;
            case Decoded.ICMPV6 -> 3;
            default -> 4;
        }]++;
        if ((proto == Decoded.TCP || proto == Decoded.UDP) && !d.hasPorts) {
            return;
        }
        Flow f = flows.track(d, clock);
        boolean fromClient = flows.lastFromClient();
        if (ring != null) {
            ring.add(f, current);
        }
        if (proto == Decoded.ICMPV6 && d.icmpType >= 133 && d.icmpType <= 136) {
            neighborDiscovery();
        }
        Object inspection = f.inspection;
        if (inspection == TcpReassembler.DONE) {
            return;
        }
        if (proto == Decoded.TCP) {
            if (d.payloadLength > 0 || inspection != null || (d.tcpFlags & Decoded.TCP_SYN) != 0) {
                tcp.onPacket(f, d, fromClient);
            }
        } else if (proto == Decoded.UDP && d.payloadCaptured > 0) {
            datagram(f, fromClient, (DatagramDissector) inspection);
        }
    }

    private void datagram(Flow f, boolean fromClient, DatagramDissector dissector) {
        if (dissector == null) {
            Protocol p = selector.select(Transport.UDP, f.clientPort(), f.serverPort(), d.data, d.payloadOffset,
                    d.payloadCaptured, fromClient);
            if (p == null || p == ProtocolSelector.UNDECIDED) {
                f.inspection = TcpReassembler.DONE;
                return;
            }
            f.service = p.name();
            dissector = p.datagramDissector();
            if (dissector == null) {
                f.inspection = TcpReassembler.DONE;
                return;
            }
            f.inspection = dissector;
        }
        ctx.set(d.ts, f, d);
        try {
            dissector.onDatagram(ctx, fromClient, d.data, d.payloadOffset, d.payloadCaptured);
        } catch (RuntimeException | StackOverflowError e) {
            faults.record(Faults.dissector(f.service), e);
            f.inspection = TcpReassembler.DONE;
        }
    }

    private void arp() {
        if (d.arpOp == 0) {
            return;
        }
        sink.accept(new ArpMessage(d.ts, d.arpOp, Mac.isStation(d.srcMac) ? Mac.of(d.srcMac) : null,
                Mac.of(d.arpSenderMac), Ip.ofV4(d.arpSenderIp), Mac.of(d.arpTargetMac), Ip.ofV4(d.arpTargetIp),
                d.vlan < 0 ? null : d.vlan));
    }

    private void neighborDiscovery() {
        NeighborDiscovery m;
        try {
            m = ndp.parse(d);
        } catch (RuntimeException | StackOverflowError e) {
            faults.record(NDP_FAULT, e);
            return;
        }
        if (m == null) {
            ctx.set(d.ts, null, d);
            ctx.malformed(NDP_MALFORMED);
        } else {
            sink.accept(m);
        }
    }

    private void frame(FrameDissector dissector, Anomaly fault) {
        ctx.set(d.ts, null, d);
        try {
            dissector.onFrame(ctx, d.data, d.l2PayloadOffset, d.l2PayloadLength);
        } catch (RuntimeException | StackOverflowError e) {
            faults.record(fault, e);
        }
    }

    private void flowEnded(Flow f, EndReason reason) {
        tcp.onFlowEnd(f);
        String service = f.service == null ? "unknown" : f.service;
        byService.computeIfAbsent(service, k -> new long[1])[0]++;
        sink.accept(FlowEnded.of(f, reason));
    }

    /**
     * Ends every flow (reason END_OF_INPUT) and resets the clock, so the next input's time line
     * starts afresh. Call after each input.
     */
    public void endOfInput() {
        flows.endAll();
        clock = 0;
        nextSweep = 0;
    }

    /** The id the next flow gets (see {@link FlowTable#numberFrom}). */
    public long nextFlowId() {
        return flows.nextId();
    }

    /** Numbers this pipeline's flows from {@code first} on, before the first packet. */
    public void numberFlowsFrom(long first) {
        flows.numberFrom(first);
    }

    public EngineStats stats() {
        Map<String, Long> layer = new LinkedHashMap<>();
        String[] layerNames = {"none", "ipv4", "ipv6", "arp", "lldp", "cdp", "other", "undecoded", "profinet"};
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] > 0) {
                layer.put(layerNames[i], layers[i]);
            }
        }
        Map<String, Long> transport = new LinkedHashMap<>();
        String[] transportNames = {"tcp", "udp", "icmp", "icmp6", "other", "fragment"};
        for (int i = 0; i < transports.length; i++) {
            if (transports[i] > 0) {
                transport.put(transportNames[i], transports[i]);
            }
        }
        Map<String, Long> ended = new LinkedHashMap<>();
        flows.endedByReason().forEach((r, n) -> {
            if (n > 0) {
                ended.put(r.name().toLowerCase(java.util.Locale.ROOT), n);
            }
        });
        Map<String, Long> services = new TreeMap<>();
        byService.forEach((k, v) -> services.put(k, v[0]));
        return new EngineStats(packets, wireBytes, capturedBytes, truncatedPackets, layer, transport,
                flows.created(), flows.peakActive(), ended, services, anomalies.snapshot(), firstPacket, lastPacket);
    }
}
