package dev.vigil.detect.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Finding;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.testing.TestData;
import dev.vigil.inputs.InputException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A detector that throws costs only its own view of that event; the analysis and the others go on. */
class AnalyzerFaultTest {

    /** Fails on every flow and at the end. */
    static final class BrittleFlowDetector implements Detector {
        long seen;

        @Override
        public void accept(Event e) {
            if (e instanceof FlowEnded) {
                seen++;
                throw new NullPointerException("a detector bug");
            }
        }

        @Override
        public void finish(DeviceIndex devices) {
            throw new IllegalStateException("a finish bug");
        }
    }

    static AnalysisResult run(List<Detector> extra, int threads) throws InputException {
        Analyzer a = new Analyzer(AnalysisConfig.defaults(), null, extra, threads);
        Analyses.read(a, TestData.capture("ndpi-telnet.pcap").toString());
        Analyses.read(a, TestData.capture("zeek-mdns.pcap").toString());
        return a.finish();
    }

    /** On one thread, and with the detectors on a thread of their own (their faults counted there, then merged). */
    @ParameterizedTest(name = "threads {0}")
    @ValueSource(ints = {1, 2, 3})
    void aThrowingDetectorIsCountedByNameAndChangesNothingElse(int threads) throws Exception {
        AnalysisResult clean = run(List.of(), threads);
        BrittleFlowDetector brittle = new BrittleFlowDetector();
        AnalysisResult r = run(List.of(brittle), threads);
        assertThat(brittle.name()).isEqualTo("brittle_flow");
        assertThat(brittle.seen).isPositive();
        assertThat(r.summary().faults()).containsExactly(java.util.Map.entry("fault.detector.brittle_flow",
                brittle.seen + 1));
        assertThat(clean.summary().faults()).isEmpty();
        assertThat(r.findings().stream().map(Finding::type).toList())
                .isEqualTo(clean.findings().stream().map(Finding::type).toList()).isNotEmpty();
        assertThat(r.devices()).hasSameSizeAs(clean.devices());
        assertThat(r.summary().flows()).isEqualTo(clean.summary().flows());
    }
}
