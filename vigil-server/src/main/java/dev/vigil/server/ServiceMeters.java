package dev.vigil.server;

import dev.vigil.server.ingest.Ingest;
import dev.vigil.server.ingest.Source;
import dev.vigil.server.outputs.Outputs;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.ToDoubleFunction;

/** The service's Prometheus meters: ingestion summed over the sources, detection memory, outputs, readiness. */
final class ServiceMeters {

    private final PrometheusMeterRegistry registry;
    private final Ingest ingest;

    private ServiceMeters(PrometheusMeterRegistry registry, Ingest ingest) {
        this.registry = registry;
        this.ingest = ingest;
    }

    static void register(PrometheusMeterRegistry registry, Ingest ingest, Outputs outputs, VigilServer server) {
        ServiceMeters m = new ServiceMeters(registry, ingest);
        m.all(outputs, server);
    }

    private void all(Outputs outputs, VigilServer server) {
        meter("vigil_ingest_packets", "packets read by all sources", Source.Status::packets);
        meter("vigil_ingest_flows", "flow records read by all sources", Source.Status::flows);
        meter("vigil_ingest_bytes", "bytes read by all sources", Source.Status::bytes);
        meter("vigil_ingest_dropped", "packets or records dropped (kernel, full queues)", Source.Status::dropped);
        meter("vigil_ingest_malformed", "malformed packets or records", Source.Status::malformed);
        meter("vigil_ingest_windows", "analysis windows committed", Source.Status::windows);
        meter("vigil_ingest_queued", "packets or records waiting for analysis", Source.Status::queued);
        meter("vigil_ingest_faults", "inputs the analysis failed on, isolated and skipped", Source.Status::faults);
        meter("vigil_ingest_restarts", "sources started again after a failure", Source.Status::restarts);
        meter("vigil_detection_state_bytes", "what the sources' detection has learnt, as last committed (deflated bytes)",
                Source.Status::detectionStateBytes);
        meter("vigil_detection_memory_bytes", "what the sources' detection holds now (estimated bytes)",
                st -> st.detectionMemory().bytes());
        meter("vigil_detection_shed_keys", "keys the sources' detection shed over its budget", st -> st.detectionMemory().shedKeys());
        meter("vigil_ingest_degraded", "sources failed or stalled", st -> Source.OK.equals(st.health()) ? 0 : 1);
        Gauge.builder("vigil_outputs_dropped", outputs, Outputs::dropped).description("alerts the output queue dropped")
                .register(registry);
        Gauge.builder("vigil_outputs_queued", outputs, Outputs::queued).description("alerts waiting for the outputs")
                .register(registry);
        Gauge.builder("vigil_ready", server, VigilServer::readyValue).register(registry);
    }

    private void meter(String name, String help, ToDoubleFunction<Source.Status> f) {
        Gauge.builder(name, ingest, i -> i.status().stream().mapToDouble(f).sum()).description(help).register(registry);
    }
}
