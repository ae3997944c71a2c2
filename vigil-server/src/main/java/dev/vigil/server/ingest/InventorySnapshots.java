package dev.vigil.server.ingest;

import dev.vigil.detect.inventory.InventorySnapshot;
import dev.vigil.engine.event.EventJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the inventory and talk-map snapshots ({@link InventorySnapshot}) as windows commit, in their
 * transaction: hourly in packet time, at the next 5-minute slot after a new device or a new link,
 * and when a file ends; a snapshot equal to the last one is not written again. Snapshots are stamped
 * with the latest evidence time seen, which never goes back (an older capture read after a newer
 * one is in the snapshot taken when it ends). Owned by the {@link Persister}.
 */
final class InventorySnapshots {

    static final long HOUR_MILLIS = 3_600_000L;
    static final long SLOT_MILLIS = Assessments.SNAPSHOT_MILLIS;

    private final IngestStores stores;
    private InventorySnapshot last;
    private long lastMillis = -1;
    private long checkedHour = Long.MIN_VALUE;
    private long checkedSlot = Long.MIN_VALUE;
    private boolean loaded;

    InventorySnapshots(IngestStores stores) {
        this.stores = stores;
    }

    /** After a window's devices and conversations are stored (inside its transaction). */
    void afterWindow(long evidenceNanos, boolean ended, long now) {
        if (!loaded) {
            loaded = true;
            last = stores.posture().inventoryAt(Long.MAX_VALUE).orElse(null);
            if (last != null) {
                lastMillis = EventJson.nanos(last.at()) / 1_000_000L;
                checkedHour = lastMillis / HOUR_MILLIS;
                checkedSlot = lastMillis / SLOT_MILLIS;
            }
        }
        long stamp = Math.max(evidenceNanos / 1_000_000L, lastMillis);
        if (stamp <= 0) {
            return;
        }
        boolean hourly = stamp / HOUR_MILLIS != checkedHour;
        boolean slot = stamp / SLOT_MILLIS != checkedSlot;
        // the counts are read only when a slot turned, and once
        boolean newDevice = slot && last != null && stores.devices().count() != last.devices().size();
        boolean grown = newDevice || slot && last != null && stores.conversations().count() != last.links().size();
        if (!(last == null || hourly || grown || ended)) {
            return;
        }
        checkedHour = stamp / HOUR_MILLIS;
        if (slot) {
            checkedSlot = stamp / SLOT_MILLIS;
        }
        String reason = last == null ? "first" : hourly ? "hourly" : ended && !grown ? "input ended"
                : newDevice ? "new device" : "new link";
        InventorySnapshot now0 = take(stamp, reason);
        if (now0.sameAs(last)) {
            return;
        }
        stores.posture().inventorySnapshot(stamp, now0, now);
        last = now0;
        lastMillis = stamp;
    }

    private InventorySnapshot take(long millis, String reason) {
        List<InventorySnapshot.DeviceState> devices = new ArrayList<>();
        stores.devices().forEach(0, r -> devices.add(InventorySnapshot.DeviceState.of(r.device(), r.zone(), r.tier())));
        devices.sort(java.util.Comparator.comparing(InventorySnapshot.DeviceState::id));
        return new InventorySnapshot(InventorySnapshot.VERSION, EventJson.time(millis * 1_000_000L), reason, devices,
                stores.conversations().links());
    }
}
