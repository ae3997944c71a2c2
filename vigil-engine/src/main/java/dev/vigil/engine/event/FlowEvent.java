package dev.vigil.engine.event;

import dev.vigil.engine.flow.FlowMeta;

/** An event that belongs to a flow: it names the flow's endpoints. */
public interface FlowEvent extends Event {

    FlowMeta flow();
}
