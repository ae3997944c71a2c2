package dev.vigil.engine.proto.lldp;

import dev.vigil.engine.event.Event;
import dev.vigil.engine.net.Mac;
import java.util.List;

/**
 * An LLDP data unit (IEEE 802.1AB): what a switch, phone, AP or IoT device says about itself.
 *
 * @param ts packet time
 * @param srcMac the frame's source MAC
 * @param chassisId chassis ID (MAC addresses formatted as such)
 * @param portId port ID
 * @param ttlSeconds time to live
 * @param portDescription TLV 4
 * @param systemName TLV 5
 * @param systemDescription TLV 6 (often model and firmware)
 * @param capabilities system capabilities (TLV 7), by name
 * @param enabledCapabilities enabled capabilities, by name
 * @param managementAddresses TLV 8 addresses as text
 * @param mudUrl the MUD URL organisational TLV (RFC 8520 §10), or null
 * @param vlan outer VLAN id or null
 */
public record LldpAdvertisement(long ts, Mac srcMac, String chassisId, String portId, int ttlSeconds,
        String portDescription, String systemName, String systemDescription, List<String> capabilities,
        List<String> enabledCapabilities, List<String> managementAddresses, String mudUrl, Integer vlan) implements Event {

    @Override
    public String kind() {
        return "lldp";
    }
}
