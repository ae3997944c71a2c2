package dev.vigil.engine.proto.ics;

import dev.vigil.engine.event.Event;
import dev.vigil.engine.net.Mac;
import java.util.List;

/**
 * A PROFINET device's DCP answer (IEC 61158-6-10, Discovery and basic Configuration Protocol): to
 * an Identify (what engineering tools and controllers multicast to find the devices of a
 * segment), to a Get, or its own Hello. Layer 2 only: a device with no IP traffic in the capture is
 * still found.
 *
 * @param ts packet time
 * @param srcMac the device's MAC
 * @param nameOfStation the station name the project gave it ("plc-1", "et200sp-3"), or null
 * @param typeOfStation the vendor's product family (DeviceVendorValue: "S7-1500", "SCALANCE X-200"), or null
 * @param vendorId the PROFINET vendor id (0x002A Siemens), or null
 * @param deviceId the vendor's device id, or null
 * @param roles the DeviceRoleDetails bits by name: "io-device", "io-controller", "io-multidevice", "pn-supervisor"
 * @param ip the address the device holds (the IP block), or null when it states none or 0.0.0.0
 * @param vlan outer VLAN id or null
 */
public record ProfinetIdentity(long ts, Mac srcMac, String nameOfStation, String typeOfStation, Integer vendorId,
        Integer deviceId, List<String> roles, String ip, Integer vlan) implements Event {

    @Override
    public String kind() {
        return "profinet.dcp";
    }
}
