package dev.vigil.store.devices;

import dev.vigil.detect.inventory.Device;
import java.util.List;

/**
 * A row of {@code devices}: the columns the lists filter and sort on, what people said of the
 * device (owner and contact decrypted), and the inventory's device.
 *
 * @param trust the trust score, or null before the first assessment
 * @param risk the risk score, or null before the first assessment
 * @param updated when the row last changed (epoch ms, wall clock)
 * @param change the change number of that write (the change feed's order)
 * @param device what the inventory knows, or null where a query does not read it
 */
public record DeviceRow(String id, String ip, String vendor, String type, Double trust, String tier, Double risk,
        String riskLevel, String firstSeen, String lastSeen, String owner, String contact, String location, String purpose,
        String criticality, List<String> tags, String zone, long updated, long change, Device device) {

    /** The first host name, or null. */
    public String name() {
        return device == null || device.hostnames() == null || device.hostnames().isEmpty() ? null : device.hostnames().get(0);
    }
}
