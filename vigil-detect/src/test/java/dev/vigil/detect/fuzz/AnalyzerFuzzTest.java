package dev.vigil.detect.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.analysis.Analyzer;
import dev.vigil.detect.analysis.InputException;
import dev.vigil.detect.analysis.Progress;
import dev.vigil.engine.capture.LinkType;
import dev.vigil.engine.capture.RawPacket;
import dev.vigil.engine.fuzz.Conversation;
import dev.vigil.engine.fuzz.Conversation.Message;
import dev.vigil.engine.fuzz.Harness;
import dev.vigil.engine.fuzz.Target;
import dev.vigil.engine.fuzz.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Coverage-guided fuzzing of the whole pipeline, as {@code vigil analyze} runs it: decode, flow
 * table, reassembly, dissectors, then the inventory and every detector, finished into findings,
 * trust and risk; and of the Zeek conn.log reader. A target fails on any fault counted anywhere
 * ({@link Harness#rethrow}) and on any exception out of the analysis. Seeds: {@link AnalysisSeeds}.
 * Kept inputs: src/test/resources/fuzz/TARGET/. bench/fuzz.sh fuzzes them (JAZZER_FUZZ=1).
 */
class AnalyzerFuzzTest {

    static final String MAX = "5m";

    /** A message's high nibble: what it is. */
    static final int RAW = 0;
    static final int PROTOCOL = 1;
    static final int NDP = 2;
    static final int LLDP = 3;
    static final int CDP = 4;

    /** A flow table as small as allowed (an input holds few flows), everything else as shipped. */
    static final AnalysisConfig CONFIG = AnalysisConfig.defaults().withEngine(Harness.CONFIG);

    /**
     * Frames of every kind in one analysis: raw frames of any link type (kind 0), a message of any
     * protocol on its port (kind 1, its first byte picks the target of {@link Target#all()}), NDP,
     * LLDP and CDP messages (kinds 2 to 4).
     */
    @AnalysisSeeds
    @FuzzTest(maxDuration = MAX)
    void pipeline(byte[] in) {
        Analyzer a = new Analyzer(CONFIG);
        List<Target> targets = Target.all();
        Wire wire = new Wire();
        RawPacket raw = new RawPacket();
        long ts = 1_700_000_000_000_000_000L;
        for (Message m : Conversation.decode(in).messages()) {
            int kind = m.control() >>> 4;
            List<byte[]> frames = switch (kind) {
                case PROTOCOL -> m.bytes().length == 0 ? List.of() : wire.frames(
                        targets.get((m.bytes()[0] & 0xff) % targets.size()),
                        new Message(m.control(), java.util.Arrays.copyOfRange(m.bytes(), 1, m.bytes().length)));
                case NDP -> List.of(Wire.neighborDiscovery(m));
                case LLDP -> List.of(Wire.lldp(m));
                case CDP -> List.of(Wire.cdp(m));
                default -> List.of(m.bytes());
            };
            int linkType = kind == RAW ? Harness.linkType(m.control()) : LinkType.ETHERNET;
            for (byte[] f : frames) {
                raw.set(f, 0, f.length, f.length + ((m.control() & Harness.CUT) != 0 ? 64 : 0), ts += 1_000_000,
                        linkType, 0);
                a.accept(raw);
            }
        }
        a.endOfInput();
        a.finish();
        Harness.rethrow(a.faults());
    }

    private static Path conn;

    /**
     * A Zeek conn.log read and analysed: the first byte picks a header (0 TSV, 1 none: JSON lines,
     * 2 CSV) written before the rest, so the fuzzer mutates rows rather than the header sniffing.
     */
    @AnalysisSeeds
    @FuzzTest(maxDuration = MAX)
    void zeek(byte[] in) throws IOException {
        if (in.length == 0) {
            return;
        }
        byte[] header = AnalysisSeeds.HEADERS[(in[0] & 0xff) % AnalysisSeeds.HEADERS.length];
        byte[] file = new byte[header.length + in.length - 1];
        System.arraycopy(header, 0, file, 0, header.length);
        System.arraycopy(in, 1, file, header.length, in.length - 1);
        synchronized (AnalyzerFuzzTest.class) {
            if (conn == null) {
                conn = Files.createTempFile("vigil-fuzz-conn", ".log");
                conn.toFile().deleteOnExit();
            }
            Files.write(conn, file);
            Analyzer a = new Analyzer(CONFIG);
            try {
                a.addFlows(conn, Progress.NONE);
            } catch (InputException e) {
                // not a conn.log, or unreadable: one line, as it should be
            } catch (UncheckedIOException e) {
                throw new AssertionError("an unreadable row escaped as an exception", e);
            }
            a.finish();
            Harness.rethrow(a.faults());
        }
    }
}
