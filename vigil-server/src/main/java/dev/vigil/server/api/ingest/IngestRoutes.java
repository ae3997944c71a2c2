package dev.vigil.server.api.ingest;

import static io.javalin.apibuilder.ApiBuilder.get;

import dev.vigil.server.auth.Role;
import dev.vigil.server.ingest.Source;
import dev.vigil.server.outputs.Outputs;
import dev.vigil.store.sources.SourceStore;
import io.javalin.apibuilder.EndpointGroup;
import java.util.List;
import java.util.function.Supplier;

/** The state of every input and output: the sources read now and before, the alert outputs. */
public final class IngestRoutes implements EndpointGroup {

    /** @param outputsDropped alerts the output queue dropped */
    record Ingest(List<Object> sources, List<Outputs.Status> outputs, long outputsDropped) {
    }

    private final SourceStore sources;
    private final Supplier<List<Source.Status>> live;
    private final Outputs outputs;

    /** @param live the status of each source the service reads now */
    public IngestRoutes(SourceStore sources, Supplier<List<Source.Status>> live, Outputs outputs) {
        this.sources = sources;
        this.live = live;
        this.outputs = outputs;
    }

    @Override
    public void addEndpoints() {
        get("ingest", ctx -> ctx.json(new Ingest(SourceRows.of(sources.all(), live.get()), outputs.status(), outputs.dropped())),
                Role.VIEWER);
    }
}
