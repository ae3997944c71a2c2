package dev.vigil.engine.flow;

import dev.vigil.engine.event.Event;

/** An event that belongs to a flow: it names the flow's endpoints. */
public interface FlowEvent extends Event {

    FlowMeta flow();
}
