package dev.vigil.store.devices;

import java.util.List;
import java.util.Map;

/**
 * What the inventory's filters can take, as stored: devices per type, and every value of vendor,
 * location, zone, tag and owner (decrypted), one entry per device that has it.
 */
public record DeviceFacetValues(Map<String, Long> types, List<String> vendors, List<String> locations, List<String> zones,
        List<String> tags, List<String> owners) {
}
