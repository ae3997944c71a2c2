package dev.vigil.detect.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.detect.findings.Detector;
import dev.vigil.detect.findings.DeviceIndex;
import dev.vigil.detect.findings.Finding;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.testing.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

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

    static AnalysisResult run(List<Detector> extra) throws InputException {
        Analyzer a = new Analyzer(AnalysisConfig.defaults(), null, extra);
        a.addCapture(TestData.capture("ndpi-telnet.pcap").toString(), Progress.NONE);
        a.addCapture(TestData.capture("zeek-mdns.pcap").toString(), Progress.NONE);
        return a.finish();
    }

    @Test
    void aThrowingDetectorIsCountedByNameAndChangesNothingElse() throws Exception {
        AnalysisResult clean = run(List.of());
        BrittleFlowDetector brittle = new BrittleFlowDetector();
        AnalysisResult r = run(List.of(brittle));
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
