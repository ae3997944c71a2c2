package dev.vigil.detect.inventory.observe;

import dev.vigil.detect.inventory.Observer;
import dev.vigil.engine.flow.FlowEnded;

/**
 * Flows, from packets or from other tools' records: both ends were seen, what each sent, offered
 * and used, and whom they talked to ({@link dev.vigil.detect.inventory.Sightings#flow}).
 */
public final class TrafficObserver implements Observer {

    @Override
    public void register(Registrations on) {
        on.read(FlowEnded.class, (f, s) -> s.flow(f));
    }
}
