package dev.vigil.engine.proto.upnp;

import dev.vigil.engine.flow.FlowEvent;
import dev.vigil.engine.flow.FlowMeta;
import java.util.List;

/**
 * A UPnP device description (UPnP Device Architecture 2.0 §2.3) seen in an HTTP response: what a
 * device says it is, in its own words.
 *
 * @param ts packet time
 * @param flow the HTTP flow (the device is its server)
 * @param url request target that returned it
 * @param deviceType e.g. "urn:schemas-upnp-org:device:InternetGatewayDevice:1"
 * @param friendlyName user-facing name
 * @param manufacturer manufacturer
 * @param modelName model name
 * @param modelNumber model number
 * @param modelDescription model description
 * @param serialNumber serial number
 * @param udn unique device name ("uuid:…")
 * @param firmwareVersion a firmware version element when the vendor adds one, else null
 * @param presentationUrl admin page URL
 * @param serviceTypes service types of the root device and its embedded devices
 */
public record UpnpDescription(long ts, FlowMeta flow, String url, String deviceType, String friendlyName,
        String manufacturer, String modelName, String modelNumber, String modelDescription, String serialNumber,
        String udn, String firmwareVersion, String presentationUrl, List<String> serviceTypes) implements FlowEvent {

    @Override
    public String kind() {
        return "upnp.description";
    }
}
