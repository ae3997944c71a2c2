package dev.vigil.detect.inventory;

import dev.vigil.detect.inventory.observe.Observers;
import dev.vigil.engine.EngineConfig;
import dev.vigil.engine.Pipeline;
import dev.vigil.engine.capture.CaptureLimits;
import dev.vigil.engine.capture.Captures;
import dev.vigil.engine.capture.PacketSource;
import dev.vigil.engine.capture.RawPacket;

/** Prints the inventory of captures, one line per device: a debugging aid for rules work. */
public final class DumpInventory {

    private DumpInventory() {
    }

    public static void main(String[] args) throws Exception {
        Inventory inv = new Inventory(InventoryConfig.DEFAULT, Observers.ALL);
        Pipeline p = new Pipeline(EngineConfig.defaults(), inv);
        RawPacket raw = new RawPacket();
        for (String a : args) {
            try (PacketSource src = Captures.open(a, CaptureLimits.DEFAULT, p.anomalies())) {
                while (src.next(raw)) {
                    p.accept(raw);
                }
            }
            p.endOfInput();
        }
        boolean verbose = System.getProperty("v") != null;
        for (Device d : inv.devices()) {
            System.out.printf("%-22s %-18s %-16s type=%s(%.2f) vendor=%s model=%s fw=%s os=%s names=%s role=%s%n", d.id(),
                    d.ips().isEmpty() ? "-" : d.ips().get(0).ip(), "", d.type(), d.confidence(), d.vendor(), d.model(),
                    d.firmware(), d.os(), d.hostnames(), d.role());
            if (verbose) {
                d.evidence().forEach(e -> System.out.println("      " + e.weight() + " " + e.source() + " [" + e.observed()
                        + "] -> " + e.attribute() + "=" + e.value()));
                System.out.println("      type candidates " + d.attributes().get("type").candidates());
            }
        }
    }
}
