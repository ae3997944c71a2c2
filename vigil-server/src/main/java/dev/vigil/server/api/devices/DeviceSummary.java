package dev.vigil.server.api.devices;

import dev.vigil.detect.inventory.Device;
import dev.vigil.store.devices.DeviceRow;
import java.util.List;

/**
 * A device as the inventory lists it: identity, assessment and what people said of it.
 *
 * @param ip the main address
 * @param name the first host name, or null
 * @param trust the trust score, or null before the first assessment
 * @param owner decrypted (encrypted at rest)
 * @param contact decrypted (encrypted at rest)
 */
public record DeviceSummary(String id, String ip, String mac, String name, String vendor, String type, String model,
        String firmware, String os, Double trust, String tier, Double risk, String riskLevel, String firstSeen, String lastSeen,
        String owner, String contact, String location, String purpose, String criticality, List<String> tags, String zone) {

    public static DeviceSummary of(DeviceRow r) {
        Device d = r.device();
        return new DeviceSummary(r.id(), r.ip(), d.mac(), r.name(), r.vendor(), r.type(), d.model(), d.firmware(), d.os(),
                r.trust(), r.tier(), r.risk(), r.riskLevel(), r.firstSeen(), r.lastSeen(), r.owner(), r.contact(), r.location(),
                r.purpose(), r.criticality(), r.tags(), r.zone());
    }

    /** The cells of the inventory's CSV, in {@link DeviceRoutes#CSV_COLUMNS}'s order. */
    List<Object> cells() {
        return java.util.Arrays.asList(id, ip, mac, name, vendor, type, model, firmware, trust, tier, risk, riskLevel, firstSeen,
                lastSeen, owner, contact, location, purpose, criticality, tags, zone);
    }
}
