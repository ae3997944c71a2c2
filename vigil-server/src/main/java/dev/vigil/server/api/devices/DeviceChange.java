package dev.vigil.server.api.devices;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.vigil.store.devices.DeviceRow;
import java.time.Instant;

/**
 * A device of the change feed: what the inventory lists, and when the store last wrote it (new
 * traffic, an edit, a new tier or risk level).
 *
 * @param updated when the row was last written (ISO-8601, wall clock)
 */
public record DeviceChange(@JsonUnwrapped DeviceSummary summary, String updated) {

    public static DeviceChange of(DeviceRow r) {
        return new DeviceChange(DeviceSummary.of(r), Instant.ofEpochMilli(r.updated()).toString());
    }
}
