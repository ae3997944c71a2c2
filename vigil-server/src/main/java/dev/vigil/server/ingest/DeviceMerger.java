package dev.vigil.server.ingest;

import dev.vigil.detect.inventory.Device;
import dev.vigil.detect.inventory.DeviceMerge;

/**
 * Folds what a new window says about a device into what the store knows: the inventory's rule
 * ({@link DeviceMerge}), so that one analysis and the store decide device identity alike.
 */
public final class DeviceMerger {

    private DeviceMerger() {
    }

    public static Device merge(Device old, Device nu) {
        return DeviceMerge.merge(old, nu);
    }
}
