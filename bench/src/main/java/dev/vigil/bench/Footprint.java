package dev.vigil.bench;

import dev.vigil.detect.inventory.Inventory;
import dev.vigil.detect.inventory.InventoryConfig;
import dev.vigil.detect.inventory.observe.Observers;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Pipeline;
import dev.vigil.engine.Protocols;
import dev.vigil.engine.event.Event;
import dev.vigil.engine.event.EventSink;
import dev.vigil.engine.flow.FlowLimits;
import dev.vigil.engine.stream.ReassemblyLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes of heap per active flow and per device, on the slice of the reference capture: the heap
 * retained after a full collection, before and after. Flows: the engine runs the slice with
 * timeouts so long that no flow ends, so every flow it created is live at the end (its table entry,
 * reassembly and dissector state as they stand after the packets); the retained growth divided by
 * the flows created. Devices: the inventory is fed the slice's events; its retained growth divided
 * by the devices it holds.
 *
 * <p>{@code java -Dvigil.slice=bench/work/slice.pcap -cp bench/target/benchmarks.jar dev.vigil.bench.Footprint}
 * (bench/stages.sh runs it).
 */
public final class Footprint {

    private static final long NEVER_NANOS = 1_000_000L * 1_000_000_000L;

    private Footprint() {
    }

    public static void main(String[] args) throws Exception {
        StageBenchmarks b = new StageBenchmarks();
        b.load();
        FlowLimits d = FlowLimits.DEFAULT;
        FlowLimits forever = new FlowLimits(d.capacity(), NEVER_NANOS, NEVER_NANOS, NEVER_NANOS, NEVER_NANOS, NEVER_NANOS,
                d.emergencyEnterShare(), d.emergencyLeaveShare(), d.emergencyTimeoutDivisor());
        Pipeline flows = new Pipeline(new EngineConfig(forever, ReassemblyLimits.DEFAULT, Protocols.all()), EventSink.NONE);
        long before = retained();
        for (int i = 0; i < StageBenchmarks.PACKETS; i++) {
            b.set(i);
            flows.accept(b.raw());
        }
        long after = retained();
        long created = flows.stats().flowsCreated();
        System.out.printf("flows: %,d live after %,d packets, %,d bytes retained: %,d bytes per flow%n",
                created, StageBenchmarks.PACKETS, after - before, (after - before) / created);
        flows.endOfInput();

        List<Event> events = new ArrayList<>();
        b.runAll(new Pipeline(EngineConfig.defaults(), events::add));
        Inventory inventory = new Inventory(InventoryConfig.DEFAULT, Observers.ALL);
        before = retained();
        events.forEach(inventory::accept);
        after = retained();
        int devices = inventory.devices().size();
        System.out.printf("devices: %,d from %,d events, %,d bytes retained by the inventory: %,d bytes per device%n",
                devices, events.size(), after - before, (after - before) / devices);
        if (flows.stats().packets() == 0 || inventory.devices().isEmpty()) {
            throw new IllegalStateException("nothing measured");
        }
    }

    private static long retained() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
