package dev.vigil.engine.proto.cdp;

import dev.vigil.engine.event.Event;
import dev.vigil.engine.net.Mac;
import java.util.List;

/**
 * A Cisco Discovery Protocol announcement.
 *
 * @param ts packet time
 * @param srcMac the frame's source MAC
 * @param version CDP version (1 or 2)
 * @param ttlSeconds hold time
 * @param deviceId device ID (host name)
 * @param addresses network addresses (TLV 2) as text
 * @param portId sending port
 * @param capabilities capability names (router, switch, host, phone, …)
 * @param softwareVersion software version text (TLV 5)
 * @param platform hardware platform (TLV 6), e.g. "cisco WS-C3560-24PS"
 * @param nativeVlan native VLAN (TLV 0x0a), or -1
 */
public record CdpAdvertisement(long ts, Mac srcMac, int version, int ttlSeconds, String deviceId,
        List<String> addresses, String portId, List<String> capabilities, String softwareVersion, String platform,
        int nativeVlan) implements Event {

    @Override
    public String kind() {
        return "cdp";
    }
}
