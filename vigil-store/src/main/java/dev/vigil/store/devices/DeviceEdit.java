package dev.vigil.store.devices;

import java.util.Map;

/**
 * What people change about a device. In {@code text} (owner, contact, location, purpose, zone) a
 * blank value clears the field; a field not named is left. {@code criticality} and {@code tags}:
 * null leaves them, "" clears them.
 *
 * @param tags comma-separated, as stored
 */
public record DeviceEdit(Map<String, String> text, String criticality, String tags) {

    /** The fields {@code text} may name. */
    public static final java.util.Set<String> TEXT = java.util.Set.of("owner", "contact", "location", "purpose", "zone");
}
