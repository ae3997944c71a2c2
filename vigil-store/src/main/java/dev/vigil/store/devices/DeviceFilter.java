package dev.vigil.store.devices;

/**
 * The inventory's filters; null leaves a filter out. Vendor, location and zone match whatever their
 * case; the owner matches its decrypted value whatever its case; {@code q} searches id, address,
 * vendor, type, location, zone, purpose, tags, the inventory's document and the owner.
 */
public record DeviceFilter(String type, String tier, String riskLevel, String criticality, String vendor, String location,
        String zone, String tag, String owner, String q) {

    public static final DeviceFilter ALL = new DeviceFilter(null, null, null, null, null, null, null, null, null, null);
}
