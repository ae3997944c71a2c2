package dev.vigil.engine.fuzz;

import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Pipeline;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.anomaly.Faults;
import dev.vigil.engine.capture.CaptureFormatException;
import dev.vigil.engine.capture.CaptureLimits;
import dev.vigil.engine.capture.Captures;
import dev.vigil.engine.capture.LinkType;
import dev.vigil.engine.capture.PacketSource;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.flow.FlowLimits;
import dev.vigil.engine.fuzz.Conversation.Message;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.function.Function;

/**
 * Runs one fuzz input through a fresh pipeline and fails with the first fault the pipeline
 * counted, rethrown as it was thrown (so the fuzzer's report and its de-duplication see the real
 * stack). The pipeline isolates faults in production; here every fault is a finding.
 */
public final class Harness {

    /** Link types a frame's control byte chooses from (its low three bits). */
    static final int[] LINK_TYPES = {LinkType.ETHERNET, LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.RAW,
        LinkType.NULL, LinkType.LOOP, LinkType.IPV4, LinkType.IPV6};
    /** Bit 3 of a control byte: the frame was cut by the snap length (the wire carried more). */
    public static final int CUT = 8;
    /** The smallest capture-reader buffers, so a fuzz execution stays cheap. */
    static final CaptureLimits SMALL = new CaptureLimits(64 * 1024, 64 * 1024);

    /** A flow table as small as the engine allows: an input holds few flows, and a small table fills up. */
    public static final EngineConfig CONFIG = EngineConfig.defaults().withFlows(FlowLimits.DEFAULT.withCapacity(16));

    private final Pipeline pipeline = new Pipeline(CONFIG, e -> { });
    private final RawPacket raw = new RawPacket();
    private long ts = 1_700_000_000_000_000_000L;

    /** The link type a raw frame's control byte chooses. */
    public static int linkType(int control) {
        return LINK_TYPES[control & 7];
    }

    private void accept(byte[] frame, int control, int linkType) {
        int wire = frame.length + ((control & CUT) != 0 ? 64 : 0);
        raw.set(frame, 0, frame.length, wire, ts += 1_000_000, linkType, 0);
        pipeline.accept(raw);
    }

    private void end() {
        pipeline.endOfInput();
        rethrow(pipeline.faults());
    }

    /** Throws the first fault counted, as it was thrown. */
    public static void rethrow(Faults faults) {
        Throwable t = faults.first();
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new AssertionError(faults.firstComponent().name(), t);
        }
    }

    /** A protocol's conversation on its port, over valid lower layers. */
    public static void protocol(Target target, byte[] input) {
        Harness h = new Harness();
        Wire wire = new Wire();
        for (Message m : Conversation.decode(input).messages()) {
            for (byte[] frame : wire.frames(target, m)) {
                h.accept(frame, m.control(), LinkType.ETHERNET);
            }
        }
        h.end();
    }

    /** A recognise-only protocol's conversation: the first byte picks which of {@link Target#signatures()}. */
    public static void signatures(byte[] input) {
        if (input.length == 0) {
            return;
        }
        java.util.List<Target> all = Target.signatures();
        protocol(all.get((input[0] & 0xff) % all.size()), java.util.Arrays.copyOfRange(input, 1, input.length));
    }

    /** Raw frames of any link type: everything from the decoder up. */
    public static void frames(byte[] input) {
        Harness h = new Harness();
        for (Message m : Conversation.decode(input).messages()) {
            h.accept(m.bytes(), m.control(), linkType(m.control()));
        }
        h.end();
    }

    /** Layer-2 and layer-3 messages built by {@code frame} from each message (NDP, LLDP, CDP). */
    public static void framed(byte[] input, Function<Message, byte[]> frame) {
        Harness h = new Harness();
        for (Message m : Conversation.decode(input).messages()) {
            h.accept(frame.apply(m), m.control(), LinkType.ETHERNET);
        }
        h.end();
    }

    /** A capture file (pcap, pcapng, either gzip-compressed): the readers, then the pipeline. */
    public static void capture(byte[] file) {
        Harness h = new Harness();
        AnomalyCounters counters = new AnomalyCounters();
        try (PacketSource src = Captures.open(new ByteArrayInputStream(file), "fuzz", file.length, SMALL, counters)) {
            while (src.next(h.raw)) {
                h.pipeline.accept(h.raw);
            }
        } catch (CaptureFormatException | IOException e) {
            // not a capture, or a broken one: told in one line, as it should be
        }
        h.end();
    }
}
