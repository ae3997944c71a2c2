package dev.vigil.detect.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.detect.analysis.Analyses;
import dev.vigil.detect.analysis.AnalysisConfig;
import dev.vigil.detect.analysis.AnalysisResult;
import dev.vigil.detect.analysis.Analyzer;
import dev.vigil.detect.findings.Finding;
import dev.vigil.detect.findings.FindingCatalog;
import dev.vigil.detect.findings.FindingRecorder;
import dev.vigil.engine.testing.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hygiene checks on real captures: each finds what the capture holds and raises nothing of
 * the families it does not (src/test/resources/findings/expected.tsv).
 */
class HygieneFindingsTest {

    private static final Pattern MASKED = Pattern.compile("^(\\(empty\\)|\\*{8})$");

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = HygieneFindingsTest.class.getResourceAsStream("/findings/expected.tsv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t", -1))
                    .map(t -> Arguments.of(t[0], list(t[1]), list(t.length > 2 ? t[2] : ""))).toList().stream();
        }
    }

    private static List<String> list(String s) {
        return s.isBlank() ? List.of() : Arrays.stream(s.split(",")).map(String::trim).toList();
    }

    static Path capture(String ref) {
        return ref.startsWith("bundled:") ? TestData.capture(ref.substring(8)) : TestData.shared(ref.substring(7));
    }

    static AnalysisResult analyze(Path capture) throws Exception {
        Analyzer a = new Analyzer(AnalysisConfig.defaults());
        Analyses.read(a, capture.toString());
        return a.finish();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void findsWhatIsThereAndNothingElse(String ref, List<String> expected, List<String> absent) throws Exception {
        AnalysisResult r = analyze(capture(ref));
        Set<String> types = r.findings().stream().map(Finding::type).collect(Collectors.toCollection(TreeSet::new));
        assertThat(types).as("finding types on %s", ref).containsAll(expected);
        for (String a : absent) {
            if (a.equals("*")) {
                assertThat(types).as("no finding at all on %s", ref).isEmpty();
            } else if (a.endsWith("*")) {
                String prefix = a.substring(0, a.length() - 1);
                assertThat(types).as("no %s finding on %s", a, ref).noneMatch(t -> t.startsWith(prefix));
            } else {
                assertThat(types).as("on %s", ref).doesNotContain(a);
            }
        }
        // every finding belongs to a device of the inventory (or to the capture host, whose loopback
        // traffic is no device's) and no secret is printed whole
        Set<String> ids = r.devices().stream().map(d -> d.id()).collect(Collectors.toCollection(java.util.HashSet::new));
        ids.add(FindingRecorder.CAPTURE_HOST_ID);
        ObjectMapper json = new ObjectMapper();
        for (Finding f : r.findings()) {
            assertThat(ids).contains(f.device().id());
            for (String k : List.of("password", "community")) {
                Object v = f.evidence().get(k);
                if (v != null) {
                    assertThat(String.valueOf(v)).as("%s of %s is masked", k, f.type()).matches(MASKED);
                }
            }
            assertThat(json.writeValueAsString(f)).isNotBlank();
        }
    }

    @Test
    void telnetLoginIsAboutTheServerWithTheUserAndAMaskedPassword() throws Exception {
        AnalysisResult r = analyze(TestData.capture("ndpi-telnet.pcap"));
        Finding f = r.findings().stream().filter(x -> x.type().equals("credentials.cleartext.telnet")).findFirst()
                .orElseThrow();
        assertThat(f.device().ip()).isEqualTo("192.168.0.1");
        assertThat(f.peer().ip()).isEqualTo("192.168.0.2");
        assertThat(f.evidence()).containsEntry("user", "fake").containsEntry("outcome", "success");
        assertThat(f.standards().etsi()).isNotEmpty();
        assertThat(f.remediation()).isNotBlank();
    }

    @Test
    void defaultCommunityAcceptedByTheAgentIsCritical() throws Exception {
        AnalysisResult r = analyze(TestData.capture("zeek-snmpv1-get.pcap"));
        assertThat(r.findings()).filteredOn(x -> x.type().equals("credentials.default")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity().label()).isEqualTo("critical");
                    assertThat(f.evidence().get("community")).isEqualTo("********");
                });
    }

    @Test
    void oneFindingPerDeviceWhenThousandsOfPeers() throws Exception {
        AnalysisResult r = analyze(TestData.shared("pcap/ddos/amp.UDP.bacnet.IOT.37810.pcapng"));
        assertThat(r.findings()).filteredOn(x -> x.type().equals("cleartext.ot_external")).singleElement()
                .satisfies(f -> assertThat((Integer) f.evidence().get("peers_outside_count")).isGreaterThan(1000));
    }

    @Test
    void everyTypeRaisedIsInTheCatalogue() throws Exception {
        FindingCatalog c = FindingCatalog.bundled();
        for (String cap : List.of("ndpi-telnet.pcap", "ndpi-mqtt.pcap", "zeek-ssl-v2.pcap", "tftp.pcap")) {
            for (Finding f : analyze(TestData.capture(cap)).findings()) {
                assertThat(c.get(f.type()).title()).isEqualTo(f.title());
            }
        }
    }
}
