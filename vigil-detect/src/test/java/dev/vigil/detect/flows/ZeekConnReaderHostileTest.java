package dev.vigil.detect.flows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16 audit: conn.log rows that cost the reader more than a row is worth. */
class ZeekConnReaderHostileTest {

    @TempDir
    Path tmp;

    static final String HEADER = "#separator \\x09\n#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\t"
            + "id.resp_p\tproto\tservice\tduration\n";
    static final String ROW = "1545403816.962094\tC1\t192.168.1.10\t40000\t192.168.1.1\t80\ttcp\thttp\t1.5\n";

    static List<ZeekConnReader.Row> read(Path file, AnomalyCounters a) throws Exception {
        return ZeekConnReaderTest.read(file, a);
    }

    /**
     * A time stamp of {@code 1e100000000} (Zeek never writes one; JSON writers do write exponents)
     * made the reader compute a 100-million-digit number: minutes for one row of a followed log.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void hugeExponentsAreMalformedRowsNotHours() throws Exception {
        Path kept = TestData.engineModule().resolveSibling("vigil-detect/src/test/resources/fuzz/zeek/ts-huge-exponent");
        byte[] in = Files.readAllBytes(kept);
        Path log = Files.writeString(tmp.resolve("conn.log"), HEADER + new String(in, 1, in.length - 1,
                StandardCharsets.UTF_8) + ROW + ROW.replace("1545403816.962094", "1.545403816962094E9"));
        AnomalyCounters a = new AnomalyCounters();
        List<ZeekConnReader.Row> rows = read(log, a);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).flow().firstSeen()).isEqualTo(rows.get(0).flow().firstSeen());
        assertThat(a.get(ZeekConnReader.MALFORMED)).isEqualTo(3);
    }

    /** A line without end (a log of garbage, a writer gone wrong) is one malformed row, not the heap. */
    @Test
    void anOverlongLineIsSkippedAndTheNextRowRead() throws Exception {
        String huge = ROW.replace("\tC1\t", "\t" + "C".repeat(ZeekConnReader.MAX_LINE_CHARS) + "\t");
        Path log = Files.writeString(tmp.resolve("conn.log"), HEADER + huge + ROW);
        AnomalyCounters a = new AnomalyCounters();
        List<ZeekConnReader.Row> rows = read(log, a);
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.uid()).isEqualTo("C1"));
        assertThat(a.get(ZeekConnReader.MALFORMED)).isEqualTo(1);
    }

    /**
     * Found by the zeek fuzz target: a service field of only commas ({@code ","}) threw out of the
     * reader, which stopped {@code vigil analyze} (exit 3) and, as the row is read again after each
     * restart, a followed log for good.
     */
    @Test
    void aServiceOfOnlyCommasIsNoService() throws Exception {
        Path log = Files.writeString(tmp.resolve("conn.log"), HEADER + ROW.replace("\thttp\t", "\t,\t")
                + ROW.replace("\thttp\t", "\tssl,http\t"));
        AnomalyCounters a = new AnomalyCounters();
        List<ZeekConnReader.Row> rows = read(log, a);
        assertThat(rows).extracting(r -> r.flow().service()).containsExactly(null, "tls");
        assertThat(a.faults().total()).isZero();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aCsvWithAnUnclosedQuoteEnds() throws Exception {
        Path log = Files.writeString(tmp.resolve("conn.csv"), "ts,uid,id.orig_h,id.orig_p,id.resp_h,id.resp_p,proto\n"
                + "1545403816.9,C1,192.168.1.10,40000,192.168.1.1,80,tcp\n\"1545403817,C2,192.168.1.10\n");
        AnomalyCounters a = new AnomalyCounters();
        List<ZeekConnReader.Row> rows = read(log, a);
        assertThat(rows).hasSize(1);
    }
}
