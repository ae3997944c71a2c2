package dev.vigil.inputs.events;

import dev.vigil.engine.Protocols;
import dev.vigil.engine.dissect.Protocol;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.flow.FlowEnded;
import dev.vigil.engine.proto.arp.ArpMessage;
import dev.vigil.engine.proto.cdp.CdpAdvertisement;
import dev.vigil.engine.proto.ics.ProfinetIdentity;
import dev.vigil.engine.proto.lldp.LldpAdvertisement;
import dev.vigil.engine.proto.ndp.NeighborDiscovery;
import java.util.HashMap;
import java.util.Map;

/**
 * Which event record each {@link Event#kind} names, for reading event logs back: the pipeline's own
 * (flows and the layer-2 and layer-3 protocols it calls directly) and what every registered
 * protocol says it emits ({@link Protocol#events}), so a new dissector needs no line here.
 */
final class EventKinds {

    static final Map<String, Class<? extends Event>> BY_KIND = kinds();

    private EventKinds() {
    }

    private static Map<String, Class<? extends Event>> kinds() {
        Map<String, Class<? extends Event>> kinds = new HashMap<>(Map.of("flow", FlowEnded.class, "arp", ArpMessage.class,
                "ndp", NeighborDiscovery.class, "lldp", LldpAdvertisement.class, "cdp", CdpAdvertisement.class,
                "profinet.dcp", ProfinetIdentity.class));
        for (Protocol p : Protocols.all()) {
            p.events().forEach((kind, type) -> {
                Class<? extends Event> before = kinds.putIfAbsent(kind, type);
                if (before != null && before != type) {
                    throw new IllegalStateException("event kind " + kind + " is both " + before.getName() + " and "
                            + type.getName());
                }
            });
        }
        return Map.copyOf(kinds);
    }

    /** The record of a kind, or null for a kind no event has. */
    static Class<? extends Event> of(String kind) {
        return BY_KIND.get(kind);
    }
}
