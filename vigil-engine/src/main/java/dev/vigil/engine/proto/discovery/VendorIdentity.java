package dev.vigil.engine.proto.discovery;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;

/**
 * What a device said of itself in its vendor's discovery protocol or management API; a field is null when the reply
 * did not carry it. The identity is the sender's.
 *
 * @param ts packet time
 * @param flow the flow of the reply
 * @param fromClient whether the flow's client sent the reply (a broadcast announcement opens its flow)
 * @param protocol "ubnt", "kasa", "tuya", or "onvif" and "isapi" (identity answers over HTTP, {@link DeviceInformationXml})
 * @param vendor the maker the protocol belongs to ("Ubiquiti", "TP-Link", "Tuya")
 * @param platform the product line as the device states it: a Ubiquiti firmware's platform
 *     ("BZ", "US", "UniFiSecurityGateway", "XW"), a Kasa device type ("IOT.SMARTPLUGSWITCH")
 * @param product the product's short code (a Ubiquiti device's "U7LT", "UGW3", "ER-X"; a Tuya productKey), or null
 * @param model the model ("UAP-AC-Lite", "UGW3", "HS110(EU)")
 * @param firmware the firmware as stated ("4.3.33.4936086", "1.2.5 Build 171213 Rel.101523")
 * @param hardware the hardware revision ("1.0"), or null
 * @param name the device's host name (Ubiquiti), or null (a Kasa alias is its owner's label, not kept)
 * @param description the product's description ("Wi-Fi Smart Plug With Energy Monitoring")
 */
public record VendorIdentity(long ts, FlowMeta flow, boolean fromClient, String protocol, String vendor,
        String platform, String product, String model, String firmware, String hardware, String name, String description)
        implements FlowEvent {

    /** The event kinds of the vendor discovery protocols. */
    static final java.util.Map<String, Class<? extends dev.vigil.engine.event.Event>> EVENTS =
            java.util.Map.of("vendor.identity", VendorIdentity.class);

    @Override
    public String kind() {
        return "vendor.identity";
    }
}
