package dev.vigil.detect.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.vigil.detect.findings.Finding;
import dev.vigil.engine.anomaly.AnomalyCounters;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.event.EventJson;
import dev.vigil.engine.testing.TestData;
import dev.vigil.inputs.events.EventLogReader;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine/detect seam: the events of a capture, recorded as {@code vigil analyze --events} writes
 * them and read back, fed to a detect stage of their own, give the inventory and the findings that
 * analysing the capture gives. Events from any source enter detection this way.
 */
class EventReplayTest {

    /** Analyses the inputs and returns the analysis and its event log. */
    static AnalysisResult analyse(AnalysisConfig config, StringBuilder log, Path... inputs) throws Exception {
        Analyzer a = new Analyzer(config.withEventLog(e -> log.append(EventJson.toJson(e)).append('\n')));
        for (Path p : inputs) {
            Analyses.read(a, p.toString());
        }
        return a.finish();
    }

    static DetectStage.Result replay(AnalysisConfig config, String log) throws Exception {
        AnomalyCounters counters = new AnomalyCounters();
        DetectStage stage = new DetectStage(config, counters.faults());
        EventLogReader r = new EventLogReader(new BufferedReader(new StringReader(log)), counters);
        for (Event e = r.next(); e != null; e = r.next()) {
            stage.accept(e);
        }
        assertThat(counters.total()).as("nothing of the log is unreadable or failed").isZero();
        return stage.close();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vigil-netns-botnet.pcap", "ndpi-tcp-scan.pcapng", "vigil-netns-lan-attacks.pcap",
            "zeek-tls1_1.pcap", "zeek-mdns.pcap", "ndpi-telnet.pcap"})
    void aCapturesEventsReplayedGiveItsFindings(String capture) throws Exception {
        AnalysisConfig config = AnalysisConfig.defaults();
        StringBuilder log = new StringBuilder();
        AnalysisResult analysed = analyse(config, log, TestData.capture(capture));
        DetectStage.Result replayed = replay(config, log.toString());
        assertThat(analysed.devices()).isNotEmpty();
        assertThat(lines(replayed.findings())).isEqualTo(lines(analysed.findings()));
        assertThat(replayed.devices()).isEqualTo(analysed.devices());
    }

    /**
     * The bundled sample, with its cleartext telnet login: the log masks the password, so the one
     * thing a replay cannot find again is whether a password was a factory default; here none was.
     */
    @Test
    void theSampleReplayedGivesItsFindings() throws Exception {
        AnalysisConfig config = AnalysisConfig.defaults();
        StringBuilder log = new StringBuilder();
        AnalysisResult analysed = analyse(config, log, TestData.repoRoot().resolve("samples/iot-lab.pcapng.gz"));
        assertThat(analysed.findings()).noneMatch(f -> f.type().equals("credentials.default"))
                .anyMatch(f -> f.type().equals("credentials.cleartext.telnet"));
        DetectStage.Result replayed = replay(config, log.toString());
        assertThat(lines(replayed.findings())).isEqualTo(lines(analysed.findings()));
        assertThat(replayed.devices()).isEqualTo(analysed.devices());
    }

    /** A factory-default SNMP community in use: found from the packets, not from a log that masks it. */
    @Test
    void aMaskedSecretIsTheOneThingAReplayCannotJudge() throws Exception {
        AnalysisConfig config = AnalysisConfig.defaults();
        StringBuilder log = new StringBuilder();
        AnalysisResult analysed = analyse(config, log, TestData.capture("zeek-snmpv1-get.pcap"));
        List<Finding> replayed = replay(config, log.toString()).findings();
        assertThat(analysed.findings()).anyMatch(f -> f.type().equals("credentials.default"));
        assertThat(replayed).noneMatch(f -> f.type().equals("credentials.default"));
        assertThat(lines(replayed)).isEqualTo(lines(analysed.findings().stream()
                .filter(f -> !f.type().equals("credentials.default")).toList()));
    }

    static final ObjectMapper JSON = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    /** The findings as findings.jsonl writes them. */
    static List<String> lines(List<Finding> findings) throws Exception {
        List<String> out = new ArrayList<>();
        for (Finding f : findings) {
            out.add(JSON.writeValueAsString(f));
        }
        return out;
    }
}
