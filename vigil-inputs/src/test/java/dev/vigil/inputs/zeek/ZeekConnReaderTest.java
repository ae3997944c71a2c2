package dev.vigil.inputs.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.flow.Transport;
import dev.vigil.engine.testing.TestData;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zeek conn.log in every form Vigil reads, on the shared data set's real logs and an IoT-23-layout fixture. */
class ZeekConnReaderTest {

    @TempDir
    Path tmp;

    static List<ZeekConnReader.Row> read(Path p, AnomalyCounters a) throws Exception {
        List<ZeekConnReader.Row> out = new ArrayList<>();
        try (ZeekConnReader r = ZeekConnReader.open(p, a)) {
            assertThat(r).as("%s is recognised as a conn.log", p).isNotNull();
            ZeekConnReader.Row row;
            while ((row = r.nextRow()) != null) {
                out.add(row);
            }
        }
        return out;
    }

    @Test
    void iot23LabelsSeparatedByThreeSpaces() throws Exception {
        Path p = Path.of(ZeekConnReaderTest.class.getResource("/flows/iot23-sample.conn.log.labeled").toURI());
        AnomalyCounters a = new AnomalyCounters();
        List<ZeekConnReader.Row> rows = read(p, a);
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).label()).isEqualTo("Malicious");
        assertThat(rows.get(0).detailedLabel()).isEqualTo("PartOfAHorizontalPortScan");
        assertThat(rows.get(0).flow().flow().serverPort()).isEqualTo(23);
        assertThat(rows.get(0).flow().connState()).isEqualTo("S0");
        assertThat(rows.get(0).flow().durationNanos()).isEqualTo(2_999_051_000L);
        // unset fields ("-") read as zero / absent, not as errors
        assertThat(rows.get(1).flow().durationNanos()).isZero();
        assertThat(rows.get(2).label()).isEqualTo("Benign");
        assertThat(rows.get(2).detailedLabel()).isNull();
        assertThat(rows.get(2).flow().service()).isEqualTo("dns");
        assertThat(a.snapshot(dev.vigil.engine.anomaly.Anomaly.Kind.MALFORMED)).containsEntry("zeek.malformed_row", 1L);
    }

    @Test
    void stratosphereTsvWithLabels() throws Exception {
        List<ZeekConnReader.Row> rows = read(TestData.shared("flows/stratosphere/008-zeek-mixed.conn.log.labeled"),
                new AnomalyCounters());
        assertThat(rows).hasSize(5663);
        assertThat(rows).filteredOn(r -> "Malicious".equals(r.label())).hasSize(4201);
        assertThat(rows.get(0).localOrig()).isTrue();
        assertThat(rows.get(0).flow().service()).isEqualTo("tls");
    }

    @Test
    void jsonLinesAndGzip() throws Exception {
        Path src = TestData.shared("flows/stratosphere/002-port-scanning.conn.log");
        Path gz = tmp.resolve("conn.log.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(src, o);
        }
        List<ZeekConnReader.Row> rows = read(gz, new AnomalyCounters());
        assertThat(rows).hasSize(4504);
        assertThat(rows).anySatisfy(r -> assertThat(r.flow().flow().transport()).isEqualTo(Transport.ICMP));
        assertThat(ZeekConnReader.detect(gz)).isEqualTo(ZeekConnReader.Format.JSON);
    }

    @Test
    void csvExportWithOtherColumnNames() throws Exception {
        List<ZeekConnReader.Row> rows = read(TestData.shared("flows/iot23/honeypot_all.csv"), new AnomalyCounters());
        assertThat(rows).hasSize(1956).allSatisfy(r -> assertThat(r.label()).isEqualTo("benign"));
        assertThat(rows.get(0).flow().flow().clientIp().toString()).isEqualTo("0.0.0.0");
    }

    @Test
    void otherFilesAreNotConnLogs() throws Exception {
        Path dhcp = TestData.shared("flows/slips/test9-mixed.dhcp.log");
        assertThat(ZeekConnReader.detect(dhcp)).isNull();
        assertThat(ZeekConnReader.detect(TestData.capture("tftp.pcap"))).isNull();
    }
}
