package dev.vigil.detect.segmentation;

import dev.vigil.engine.net.Ip;
import java.util.List;

/**
 * One inventory device as the policy sees it. The classification attributes (type, vendor, model)
 * are the ones {@link Membership} has admitted as stable, or null while they are not.
 *
 * @param id inventory id ("mac:…" or "ip:…")
 * @param mac MAC address, or null
 * @param addresses addresses the device uses
 * @param type admitted device type, or null
 * @param vendor admitted vendor, or null
 * @param model admitted model, or null
 * @param vlans VLANs it was seen on
 * @param site where it is (the assets file's location), or null
 * @param criticality low, medium, high, critical, or null
 * @param tags the assets file's tags
 * @param tier trust tier: trusted, restricted, quarantined, or null
 * @param manufacturer what same-manufacturer compares: the authority of its MUD URL, else its
 *     vendor in lower case; null when neither is known
 */
public record Subject(String id, String mac, List<Ip> addresses, String type, String vendor, String model,
        List<Integer> vlans, String site, String criticality, List<String> tags, String tier, String manufacturer) {

    public Subject {
        addresses = List.copyOf(addresses);
        vlans = List.copyOf(vlans);
        tags = List.copyOf(tags);
    }

    /** The authority (host) of a MUD URL, or null. */
    public static String authority(String mudUrl) {
        if (mudUrl == null) {
            return null;
        }
        try {
            String host = java.net.URI.create(mudUrl.trim()).getHost();
            return host == null ? null : host.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
