package dev.vigil.engine.fuzz;

import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Pipeline;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.decode.Decoded;
import dev.vigil.engine.decode.PacketDecoder;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.flow.FlowMeta;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.fuzz.Conversation.Message;
import dev.vigil.engine.testing.Packets;
import dev.vigil.engine.testing.Packets.Frame;
import dev.vigil.engine.testing.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Seed inputs for the fuzz targets, taken from real captures: the engine's bundled ones, and with
 * {@code -Dvigil.fuzz.shared=true} (bench/fuzz.sh) every pcap and pcapng of ../shared/data too.
 * A protocol's seeds are its real conversations (each message in capture order, from either side)
 * in the fuzz input encoding, so the fuzzer starts from valid messages and mutates their bodies.
 */
public final class Seeds {

    static final int PER_TARGET = Integer.getInteger("vigil.fuzz.seeds", 12);
    static final int MESSAGES = 24;
    static final int BYTES = 16 * 1024;
    static final int FRAMES_PER_CAPTURE = 24;
    static final int PACKETS_PER_CAPTURE = 20_000;

    private static List<List<Frame>> captures;

    private Seeds() {
    }

    /** Every capture the seeds come from, read once (the first packets of each). */
    static synchronized List<List<Frame>> captures() {
        if (captures == null) {
            List<Path> files = new ArrayList<>(list(TestData.engineModule().resolve("src/test/resources/captures")));
            if (Boolean.getBoolean("vigil.fuzz.shared") && TestData.sharedData() != null) {
                files.addAll(list(TestData.sharedData().resolve("pcap")));
            }
            List<List<Frame>> out = new ArrayList<>();
            for (Path f : files) {
                List<Frame> frames = Packets.read(f);
                out.add(frames.size() > PACKETS_PER_CAPTURE ? frames.subList(0, PACKETS_PER_CAPTURE) : frames);
            }
            captures = out;
        }
        return captures;
    }

    static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(pcap|pcapng)(\\.gz)?$"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<Target, List<byte[]>> byTarget;

    /** Real conversations of a protocol on its transport, in the fuzz encoding. */
    public static Stream<byte[]> protocol(Target t) {
        return conversations().getOrDefault(t, List.of()).stream();
    }

    /** Every capture's conversations, by the target the engine recognised them as (at most {@link #PER_TARGET} each). */
    static synchronized Map<Target, List<byte[]>> conversations() {
        if (byTarget == null) {
            Map<String, Target> targets = new HashMap<>();
            for (Target t : Target.all()) {
                targets.put(t.protocol() + ' ' + t.transport(), t);
            }
            Map<Target, List<byte[]>> out = new HashMap<>();
            for (List<Frame> capture : captures()) {
                for (Map.Entry<Target, List<Message>> c : conversations(capture, targets)) {
                    List<byte[]> seeds = out.computeIfAbsent(c.getKey(), x -> new ArrayList<>());
                    if (seeds.size() < PER_TARGET) {
                        seeds.add(Conversation.encode(c.getValue()));
                    }
                }
            }
            byTarget = out;
        }
        return byTarget;
    }

    /** Conversations of the recognise-only protocols, each prefixed with its index for {@link Harness#signatures}. */
    public static Stream<byte[]> signatures() {
        List<Target> all = Target.signatures();
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            byte index = (byte) i;
            protocol(all.get(i)).forEach(c -> {
                byte[] b = new byte[c.length + 1];
                b[0] = index;
                System.arraycopy(c, 0, b, 1, c.length);
                out.add(b);
            });
        }
        return out.stream();
    }

    /** The flows of one capture the engine recognised as one of {@code targets}, message by message. */
    static List<Map.Entry<Target, List<Message>>> conversations(List<Frame> capture, Map<String, Target> targets) {
        Map<String, Map.Entry<Target, List<Message>>> flows = new LinkedHashMap<>();
        Pipeline p = new Pipeline(EngineConfig.defaults(), e -> {
            if (e instanceof FlowEnded f && f.service() != null) {
                Target t = targets.get(f.service() + ' ' + f.flow().transport());
                if (t != null) {
                    flows.put(key(f.flow()), Map.entry(t, new ArrayList<>()));
                }
            }
        });
        RawPacket raw = new RawPacket();
        for (Frame f : capture) {
            f.into(raw);
            p.accept(raw);
        }
        p.endOfInput();
        if (flows.isEmpty()) {
            return List.of();
        }
        PacketDecoder decoder = new PacketDecoder(new AnomalyCounters());
        Decoded d = new Decoded();
        Map<String, int[]> sizes = new HashMap<>();
        for (Frame f : capture) {
            f.into(raw);
            if (!decoder.decode(raw, d) || !d.hasPorts || d.payloadCaptured == 0
                    || (d.protocol != Decoded.TCP && d.protocol != Decoded.UDP)) {
                continue;
            }
            String forward = key(d, false);
            boolean fromServer = !flows.containsKey(forward);
            String k = fromServer ? key(d, true) : forward;
            Map.Entry<Target, List<Message>> flow = flows.get(k);
            int[] size = sizes.computeIfAbsent(k, x -> new int[1]);
            if (flow == null || flow.getValue().size() >= MESSAGES || size[0] >= BYTES) {
                continue;
            }
            byte[] payload = Arrays.copyOfRange(d.data, d.payloadOffset, d.payloadOffset + d.payloadCaptured);
            flow.getValue().add(new Message((fromServer ? 1 : 0) | (d.ipVersion == 6 ? 2 : 0), payload));
            size[0] += payload.length;
        }
        return flows.values().stream().filter(m -> !m.getValue().isEmpty()).toList();
    }

    private static String key(FlowMeta f) {
        return f.transport().name() + ' ' + f.clientIp() + ' ' + f.clientPort() + ' ' + f.serverIp() + ' ' + f.serverPort();
    }

    private static String key(Decoded d, boolean reversed) {
        String t = d.protocol == Decoded.TCP ? Transport.TCP.name() : Transport.UDP.name();
        return reversed ? t + ' ' + d.dstIp() + ' ' + d.dstPort + ' ' + d.srcIp() + ' ' + d.srcPort
                : t + ' ' + d.srcIp() + ' ' + d.srcPort + ' ' + d.dstIp() + ' ' + d.dstPort;
    }

    /** The first frames of every capture, each with its link type in the control byte. */
    public static Stream<byte[]> frames() {
        List<byte[]> out = new ArrayList<>();
        for (List<Frame> capture : captures()) {
            List<Message> messages = new ArrayList<>();
            for (Frame f : capture.subList(0, Math.min(FRAMES_PER_CAPTURE, capture.size()))) {
                int index = linkIndex(f.linkType());
                if (index >= 0) {
                    messages.add(new Message(index | (f.data().length < f.wireLength() ? Harness.CUT : 0), f.data()));
                }
            }
            if (!messages.isEmpty()) {
                out.add(Conversation.encode(messages));
            }
        }
        return out.stream();
    }

    static int linkIndex(int linkType) {
        for (int i = 0; i < Harness.LINK_TYPES.length; i++) {
            if (Harness.LINK_TYPES[i] == linkType) {
                return i;
            }
        }
        return -1;
    }

    /** What follows the link header of every frame of one kind (2: LLDP, 3: CDP, 4: ICMPv6 ND), as messages. */
    static Stream<byte[]> layer2(int kind) {
        List<byte[]> out = new ArrayList<>();
        PacketDecoder decoder = new PacketDecoder(new AnomalyCounters());
        Decoded d = new Decoded();
        RawPacket raw = new RawPacket();
        for (List<Frame> capture : captures()) {
            List<Message> messages = new ArrayList<>();
            for (Frame f : capture) {
                f.into(raw);
                if (messages.size() >= MESSAGES || !decoder.decode(raw, d)) {
                    continue;
                }
                if (kind == 2 && d.l2Protocol == Decoded.L2_LLDP || kind == 3 && d.l2Protocol == Decoded.L2_CDP
                        || kind == 5 && d.l2Protocol == Decoded.L2_PROFINET) {
                    messages.add(new Message(0, Arrays.copyOfRange(d.data, d.l2PayloadOffset,
                            d.l2PayloadOffset + d.l2PayloadLength)));
                } else if (kind == 4 && d.protocol == Decoded.ICMPV6 && d.icmpType >= 133 && d.icmpType <= 136) {
                    messages.add(new Message(0, Arrays.copyOfRange(d.data, d.l4Offset, d.payloadOffset + d.payloadCaptured)));
                }
            }
            if (!messages.isEmpty() && out.size() < PER_TARGET) {
                out.add(Conversation.encode(messages));
            }
        }
        return out.stream();
    }

    public static Stream<byte[]> lldp() {
        return layer2(2);
    }

    public static Stream<byte[]> cdp() {
        return layer2(3);
    }

    public static Stream<byte[]> dcp() {
        return layer2(5);
    }

    public static Stream<byte[]> neighborDiscovery() {
        return layer2(4);
    }

    /** Small capture files whole (the readers' seeds). */
    public static Stream<byte[]> captureFiles() {
        List<byte[]> out = new ArrayList<>();
        for (Path f : list(TestData.engineModule().resolve("src/test/resources/captures"))) {
            try {
                if (Files.size(f) <= 8192 && out.size() < PER_TARGET) {
                    out.add(Files.readAllBytes(f));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.stream();
    }
}
