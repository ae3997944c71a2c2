package dev.vigil.engine;

import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.flow.FlowLimits;
import dev.vigil.engine.stream.ReassemblyLimits;
import java.util.List;

/**
 * Everything a {@link Pipeline} is built from.
 *
 * @param flows flow-table bounds and timeouts
 * @param reassembly TCP reassembly bounds
 * @param protocols the dissectors to run, in probing order
 */
public record EngineConfig(FlowLimits flows, ReassemblyLimits reassembly, List<Protocol> protocols) {

    public static EngineConfig defaults() {
        return new EngineConfig(FlowLimits.DEFAULT, ReassemblyLimits.DEFAULT, Protocols.all());
    }

    public EngineConfig withFlows(FlowLimits f) {
        return new EngineConfig(f, reassembly, protocols);
    }

    public EngineConfig withProtocols(List<Protocol> p) {
        return new EngineConfig(flows, reassembly, p);
    }
}
